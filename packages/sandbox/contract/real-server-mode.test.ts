// Runs @orgadmin/contract-tests in real-server mode (Prism proxy in front of the sandbox), with its
// coverage gate, and requires every operation of both APIs to have reached its documented success
// status through the proxy, with no failure and no answer outside the contract.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runSuite, SUITE_PROPER } from "@orgadmin/contract-tests";
import { API_NAMES, loadContract } from "@orgadmin/spec/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../src/server.js";

/**
 * The one key the suite sends to both APIs (CONTRACT_API_KEY): alice (user_123), the seeded
 * Enterprise admin that v2 requires and an owner of org_abc123, whose members v1's lifecycle
 * changes. The suite picks a non-owner from org_abc123's member list to change and remove, so
 * alice never acts on herself.
 */
const SUITE_KEY = "sandbox-enterprise-admin";

interface JsonReport {
  numFailedTests: number;
  testResults: Array<{ assertionResults: Array<{ fullName: string; status: string }> }>;
}

let sandbox: Sandbox;
let dir: string;
beforeAll(async () => {
  sandbox = await startSandbox();
  dir = await mkdtemp(join(tmpdir(), "sandbox-contract-"));
});
afterAll(async () => {
  await sandbox?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("the contract suite in real-server mode against the sandbox", () => {
  it("reaches every operation's success status for both APIs, with zero violations", async () => {
    const report = join(dir, "report.json");
    const runDir = join(dir, "run");
    const run = runSuite({
      args: [
        ...SUITE_PROPER,
        "test/enterprise.test.ts",
        "test/organizations.test.ts",
        "test/coverage-gate.test.ts",
        "--reporter=json",
        `--outputFile=${report}`,
      ],
      env: {
        CONTRACT_TARGET_ENTERPRISE: sandbox.enterpriseUrl,
        CONTRACT_TARGET_ORGANIZATIONS: sandbox.url,
        CONTRACT_API_KEY: SUITE_KEY,
        CONTRACT_RUN_DIR: runDir,
      },
    });
    const code = await run.exited;
    const output = run.output();
    const results = JSON.parse(await readFile(report, "utf8")) as JsonReport;
    const all = results.testResults.flatMap((f) => f.assertionResults);
    const failed = all.filter((t) => t.status === "failed").map((t) => t.fullName);
    expect(failed, output).toEqual([]);
    expect(results.numFailedTests).toBe(0);
    expect(code).toBe(0);

    const operations = API_NAMES.flatMap((api) => loadContract(api).operations);
    // Each operation's own test passed: it got its success status through the proxy, in contract.
    const passed = all.filter((t) => t.status === "passed").map((t) => t.fullName);
    for (const op of operations) {
      const name = `${op.operationId} (${op.method} ${op.path}) reaches HTTP ${op.success} within the contract`;
      expect(
        passed.filter((n) => n.endsWith(name)),
        name,
      ).toHaveLength(1);
    }
    expect(passed).toContain("exercised every documented (operationId, status) pair");

    // What the client recorded: each operation called once, answered with its success, nothing else
    // (an answer Prism found outside the contract would have been recorded as a 500).
    const pairs = (await readFile(join(runDir, "pairs.jsonl"), "utf8"))
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as { api: string; operationId: string; status: string });
    const key = (p: { api: string; operationId: string; status: string }) =>
      `${p.api} ${p.operationId} ${p.status}`;
    expect(pairs.map(key).sort()).toEqual(
      operations.map((op) => key({ api: op.api, operationId: op.operationId, status: op.success })).sort(),
    );
  });
});
