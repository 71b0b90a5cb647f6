// Runs @orgadmin/contract-tests in real-server mode (Prism proxy in front of the sandbox) and
// requires every operation of both APIs to answer within the contract, with no failure at all.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContract } from "../src/contract.js";
import { compileApi } from "../src/operations.js";
import { type Sandbox, startSandbox } from "../src/server.js";

const SUITE_DIR = fileURLToPath(new URL("../../contract-tests/", import.meta.url));
/** The key the contract suite sends; here it acts as the Enterprise admin (also an owner of org_abc123). */
const SUITE_KEY = "contract-test-key";

interface JsonReport {
  numFailedTests: number;
  testResults: Array<{ assertionResults: Array<{ fullName: string; status: string }> }>;
}

let sandbox: Sandbox;
let dir: string;
beforeAll(async () => {
  sandbox = await startSandbox({ keyAliases: { [SUITE_KEY]: "sandbox-enterprise-admin" } });
  dir = await mkdtemp(join(tmpdir(), "sandbox-contract-"));
});
afterAll(async () => {
  await sandbox?.close();
  await rm(dir, { recursive: true, force: true });
});

function runSuite(report: string): Promise<{ code: number | null; output: string }> {
  const vitest = join(
    dirname(createRequire(join(SUITE_DIR, "package.json")).resolve("vitest/package.json")),
    "vitest.mjs",
  );
  const child = spawn(
    process.execPath,
    [
      vitest,
      "run",
      "--project",
      "contract",
      "test/enterprise.test.ts",
      "test/organizations.test.ts",
      "--reporter=json",
      `--outputFile=${report}`,
    ],
    {
      cwd: SUITE_DIR,
      env: {
        ...process.env,
        CONTRACT_TARGET_ENTERPRISE: sandbox.enterpriseUrl,
        CONTRACT_TARGET_ORGANIZATIONS: sandbox.url,
        CONTRACT_RUN_DIR: join(dir, "run"),
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, output })));
}

describe("the contract suite in real-server mode against the sandbox", () => {
  it("passes for both APIs with zero violations", async () => {
    const report = join(dir, "report.json");
    const { code, output } = await runSuite(report);
    const results = JSON.parse(await readFile(report, "utf8")) as JsonReport;
    const all = results.testResults.flatMap((f) => f.assertionResults);
    const failed = all.filter((t) => t.status === "failed").map((t) => t.fullName);
    expect(failed, output).toEqual([]);
    expect(results.numFailedTests).toBe(0);
    expect(code).toBe(0);

    // Every operation of both bundled specs was called through the proxy and answered in contract.
    const operations = (["enterprise", "organizations"] as const).flatMap((api) =>
      compileApi(api, loadContract(api)).operations.map((op) => `'${op.operationId}' ('${op.method}'`),
    );
    const within = all.filter(
      (t) => t.status === "passed" && t.fullName.endsWith("answers within the contract"),
    );
    expect(within).toHaveLength(operations.length);
    for (const op of operations) expect(within.some((t) => t.fullName.includes(op))).toBe(true);
  });
});
