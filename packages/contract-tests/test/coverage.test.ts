// The gate's bookkeeping, on a contract small enough to read: it names what is missing, flags
// what is undocumented, and asks a real server for every operation's success rather than every status.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundlePath, loadContract } from "@orgadmin/spec/contract";
import { describe, expect, it } from "vitest";
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
    // The bundle without getOrganization's `default` response: a 500 is then documented nowhere.
    const doc = JSON.parse(readFileSync(bundlePath("organizations"), "utf8"));
    delete doc.paths["/v1/organizations/{organization_id}"].get.responses.default;
    const file = join(mkdtempSync(join(tmpdir(), "orgadmin-no-default-")), "organizations.json");
    writeFileSync(file, JSON.stringify(doc));
    const exercised = [
      ...all,
      { api: "organizations" as const, operationId: "getOrganization", status: "500" },
    ];
    const { problems, report } = judgeCoverage(
      [loadContract("organizations", file)],
      exercised,
      () => "mock",
    );
    expect(problems).toEqual([
      "answers with a status the contract does not document:\n  - organizations getOrganization 500",
    ]);
    expect(report.table).toContain("!");
  });

  it("takes a status the `default` response documents, without asking every run to produce one", () => {
    const exercised = [
      ...all,
      { api: "organizations" as const, operationId: "getOrganization", status: "500" },
      { api: "organizations" as const, operationId: "getOrganization", status: "405" },
    ];
    const { problems, report } = judgeCoverage([organizations], exercised, () => "mock");
    expect(problems).toEqual([]);
    expect(report.covered).toBe(report.documented);
    expect(report.undocumented).toEqual([]);
  });

  it("asks a real server to answer every operation, not every status", () => {
    const successes = all.filter((p) => p.status === "200" && p.operationId !== "listMembers");
    const { problems } = judgeCoverage([organizations], successes, () => "proxy");
    expect(problems).toEqual([
      "operations that never reached their success status:\n  - organizations listMembers 200 (never called)",
    ]);
  });

  it("passes a real server that reached every operation's success status", () => {
    const successes = all.filter((p) => p.status === organizations.operation(p.operationId).success);
    expect(successes).toHaveLength(organizations.operations.length);
    expect(judgeCoverage([organizations], successes, () => "proxy").problems).toEqual([]);
  });

  it("fails a real server that answered every operation, but never with success", () => {
    // What a wrong key gets: every call answered, every answer documented, nothing succeeded.
    const refused = all.filter((p) => p.status === "401");
    expect(refused).toHaveLength(organizations.operations.length);
    const { problems } = judgeCoverage([organizations], refused, () => "proxy");
    expect(problems).toEqual([
      `operations that never reached their success status:\n${organizations.operations
        .map((op) => `  - organizations ${op.operationId} 200 (got 401)`)
        .join("\n")}`,
    ]);
  });

  it("names every status an operation got instead of its success", () => {
    const exercised = [
      ...all.filter((p) => p.status === "200" && p.operationId !== "removeMember"),
      { api: "organizations" as const, operationId: "removeMember", status: "404" },
      { api: "organizations" as const, operationId: "removeMember", status: "409" },
    ];
    const { problems } = judgeCoverage([organizations], exercised, () => "proxy");
    expect(problems).toEqual([
      "operations that never reached their success status:\n  - organizations removeMember 200 (got 404, 409)",
    ]);
  });

  it("records pairs as lines that parallel writers cannot interleave", () => {
    const file = join(mkdtempSync(join(tmpdir(), "orgadmin-pairs-")), "pairs.jsonl");
    for (const pair of all.slice(0, 3)) recordPair(file, pair);
    expect(readPairs(file)).toEqual(all.slice(0, 3));
  });

  it("counts an operation under any of the eight methods, HEAD included", () => {
    // A HEAD operation added to the bundle: the gate must ask for it like any other.
    const doc = JSON.parse(readFileSync(bundlePath("organizations"), "utf8"));
    const item = doc.paths["/v1/organizations/{organization_id}"];
    item.head = { ...item.get, operationId: "headOrganization" };
    const file = join(mkdtempSync(join(tmpdir(), "orgadmin-head-")), "organizations.json");
    writeFileSync(file, JSON.stringify(doc));
    const withHead = loadContract("organizations", file);
    expect(withHead.operation("headOrganization").method).toBe("HEAD");
    const { problems } = judgeCoverage([withHead], all, () => "mock");
    expect(problems).toEqual([
      `documented pairs no test exercised:\n${withHead
        .operation("headOrganization")
        .statuses.map((status) => `  - organizations headOrganization ${status}`)
        .join("\n")}`,
    ]);
  });
});
