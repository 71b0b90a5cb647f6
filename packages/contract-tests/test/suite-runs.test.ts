// Whole runs of this suite, nested: real-server mode fails against a wrong server naming the
// operation and the JSON path, and the gate never passes on pairs an earlier run left behind.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { API_NAMES, loadContract } from "@orgadmin/spec/contract";
import { describe, expect, it } from "vitest";
import { documentedPairs } from "../src/coverage.js";
import { pairsFile } from "../src/run-dir.js";
import { runSuite } from "../src/runner.mjs";
import { startWrongServer } from "./support/wrong-server.js";

const scratch = (): string => mkdtempSync(join(tmpdir(), "orgadmin-suite-run-"));

describe.concurrent("a nested run of the suite", () => {
  it("fails in real-server mode against a wrong server, naming the operation and the JSON path", async () => {
    const wrong = await startWrongServer();
    try {
      const run = runSuite({
        args: ["--project", "contract", "test/enterprise.test.ts"],
        env: {
          CONTRACT_TARGET_ENTERPRISE: wrong.url,
          CONTRACT_APIS: "enterprise",
          CONTRACT_RUN_DIR: scratch(),
        },
      });
      const code = await run.exited;
      const output = run.output();
      expect(code, output).toBe(1);
      expect(output).toMatch(
        /listMembers: the answer breaks the contract\n\s*response \$\.members\[0\]: .*required property 'email'/,
      );
      expect(output).toMatch(
        /listConsumptionCycles: the answer breaks the contract\n\s*response \$\.cycles\[0\]\.acus_used: .*must be number/,
      );
      // The one answer in the contract passes; every other operation fails.
      const failed = [
        ...output.matchAll(/^ FAIL .* > (\w+) \((?:GET|POST) \/.*> reaches HTTP \d+ within the contract$/gm),
      ];
      expect(failed.map((m) => m[1]).sort()).toEqual([
        "addRepositoryPermission",
        "createOrganization",
        "inviteMembers",
        "listAuditLogs",
        "listConsumptionCycles",
        "listMembers",
      ]);
    } finally {
      await wrong.close();
    }
  });

  it("cannot pass the gate on a pairs file an earlier run left behind", async () => {
    const dir = scratch();
    const contracts = API_NAMES.map((api) => loadContract(api));
    const complete = documentedPairs(contracts).map((p) => `${JSON.stringify(p)}\n`);
    writeFileSync(pairsFile(dir), complete.join(""));

    const run = runSuite({ args: ["--project", "coverage-gate"], env: { CONTRACT_RUN_DIR: dir } });
    const code = await run.exited;
    expect(code, run.output()).toBe(1);
    expect(run.output()).toContain("documented pairs no test exercised");
    expect(run.output()).toContain(`Contract coverage: 0/${complete.length}`);
    expect(readFileSync(pairsFile(dir), "utf8")).toBe("");
  });
});
