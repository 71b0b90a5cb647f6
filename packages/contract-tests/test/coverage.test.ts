// The gate's bookkeeping, on a contract small enough to read: it names what is missing, flags
// what is undocumented, and asks less of a real server than of a mock.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadContract } from "../src/contract.js";
import { readPairs, recordPair } from "../src/coverage.js";
import { judgeCoverage } from "../src/gate.js";

const organizations = loadContract("organizations");
const all = organizations.operations.flatMap((op) =>
  op.statuses.map((status) => ({ api: "organizations" as const, operationId: op.operationId, status })),
);

describe("coverage gate", () => {
  it("passes when every documented pair was exercised", () => {
    const { report, problems } = judgeCoverage([organizations], all, () => "mock");
    expect(problems).toEqual([]);
    expect(report.covered).toBe(report.documented);
    expect(report.documented).toBe(46);
  });

  it("fails naming the missing pair, and marks it in the matrix", () => {
    const exercised = all.filter((p) => !(p.operationId === "removeMember" && p.status === "409"));
    const { report, problems } = judgeCoverage([organizations], exercised, () => "mock");
    expect(problems).toEqual(["documented pairs no test exercised:\n  - organizations removeMember 409"]);
    expect(report.table.split("\n").find((row) => row.includes("removeMember"))).toContain("✗");
  });

  it("fails on a status the contract does not document", () => {
    const exercised = [
      ...all,
      { api: "organizations" as const, operationId: "getOrganization", status: "500" },
    ];
    const { problems, report } = judgeCoverage([organizations], exercised, () => "mock");
    expect(problems).toEqual([
      "answers with a status the contract does not document:\n  - organizations getOrganization 500",
    ]);
    expect(report.table).toContain("!");
  });

  it("asks a real server to answer every operation, not every status", () => {
    const successes = all.filter((p) => p.status === "200" && p.operationId !== "listMembers");
    const { problems } = judgeCoverage([organizations], successes, () => "proxy");
    expect(problems).toEqual(["operations never called:\n  - organizations listMembers"]);
  });

  it("records pairs as lines that parallel writers cannot interleave", () => {
    const file = join(mkdtempSync(join(tmpdir(), "orgadmin-pairs-")), "pairs.jsonl");
    for (const pair of all.slice(0, 3)) recordPair(file, pair);
    expect(readPairs(file)).toEqual(all.slice(0, 3));
  });
});
