import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { API_NAMES, readBundle } from "../../src/apis.js";
import { loadContract } from "../../src/load.js";

const scratch = mkdtempSync(join(tmpdir(), "contract-reader-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("loadContract", () => {
  it.each(API_NAMES)("%s: every documented example satisfies its own schema", (api) => {
    const contract = loadContract(api);
    expect(contract.operations.length).toBeGreaterThan(0);
    for (const op of contract.operations) {
      expect(op.success).toMatch(/^2/);
      expect(op.statuses[0]).toBe(op.success);
      for (const status of op.statuses) {
        expect(contract.validate(op.operationId, status, contract.example(op.operationId, status))).toEqual(
          [],
        );
      }
    }
  });

  it("reports a body that breaks the schema, and a status the operation does not document", () => {
    const contract = loadContract("organizations");
    const op = contract.operations[0];
    if (!op) throw new Error("no operation");
    expect(
      contract.validate(op.operationId, op.success, { status_code: 200, status_message: "SUCCESS" }),
    ).toEqual(["$.data: is required but missing"]);
    // Every other status goes to the `default` response: the HTTP layer's answers, and only those.
    const envelope = (status: number, message: string) => ({
      status_code: status,
      status_message: message,
      data: { message: "Refused." },
    });
    expect(contract.validate(op.operationId, 405, envelope(405, "METHOD_NOT_ALLOWED"))).toEqual([]);
    expect(contract.validate(op.operationId, 418, envelope(418, "IM_A_TEAPOT"))).toContain(
      "$.status_code: must be equal to one of the allowed values",
    );
    expect(contract.validate(op.operationId, 405, envelope(408, "REQUEST_TIMEOUT"))).toEqual([
      "$.status_code: must repeat the HTTP status 405",
    ]);
    const document = JSON.parse(JSON.stringify(contract.document));
    delete document.paths[op.path][op.method.toLowerCase()].responses.default;
    const file = join(scratch, "organizations-no-default.json");
    writeFileSync(file, JSON.stringify(document));
    expect(loadContract("organizations", file).validate(op.operationId, 418, {})).toEqual([
      `$: HTTP 418 is not documented for ${op.operationId}`,
    ]);
  });

  it("finds operations by id and by method and path template", () => {
    const contract = loadContract("enterprise");
    const op = contract.operation("listMembers");
    expect(contract.find("get", op.path)).toBe(op);
    expect(contract.find("TRACE", op.path)).toBeUndefined();
    expect(() => contract.operation("nope")).toThrow(/no operation nope/);
  });

  it("reads another bundled file of the same API, with operations under any method", () => {
    const doc = readBundle("enterprise");
    const [path, item] = Object.entries(doc.paths ?? {})[0] ?? [];
    if (!path || !item) throw new Error("no path");
    const get = item.get as Record<string, unknown>;
    item.head = { ...get, operationId: "headMembers" };
    const file = join(scratch, "enterprise.json");
    writeFileSync(file, JSON.stringify(doc));
    const contract = loadContract("enterprise", file);
    expect(contract.file).toBe(file);
    expect(contract.operation("headMembers").method).toBe("HEAD");
  });

  it("refuses an operation without a success response", () => {
    const file = join(scratch, "no-success.json");
    writeFileSync(
      file,
      JSON.stringify({
        openapi: "3.1.0",
        paths: { "/a": { get: { operationId: "a", responses: { "404": {} } } } },
      }),
    );
    expect(() => loadContract("enterprise", file)).toThrow(/enterprise a: no success response documented/);
  });
});
