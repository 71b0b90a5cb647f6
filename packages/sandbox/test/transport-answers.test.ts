// The HTTP layer's answers are in the contract: every operation's `default` response documents them.
// Each kind of refusal the sandbox renders is checked against every operation of its API, and a
// method a known path lacks is answered 405 with `Allow`, in the API's error shape.
import { API_NAMES, type ApiName, basePath, type Contract, loadContract } from "@orgadmin/spec/contract";
import { describe, expect, it } from "vitest";
import { enterpriseShape, organizationsShape, type WireShape } from "../src/error-shapes.js";
import { Refusal, type RefusalKind } from "../src/refusal.js";
import { raw, useSandbox } from "./support/sandbox.js";

const contracts = Object.fromEntries(API_NAMES.map((api) => [api, loadContract(api)])) as Record<
  ApiName,
  Contract
>;
const shapes: Record<ApiName, WireShape> = {
  enterprise: enterpriseShape,
  organizations: organizationsShape(contracts.organizations.document),
};

/** The refusals that come from the HTTP layer, not from an operation's own rules. */
const TRANSPORT: RefusalKind[] = [
  "unreadable",
  "method_not_allowed",
  "timeout",
  "headers_too_large",
  "internal",
];

describe.each(API_NAMES)("%s: the HTTP layer's answers", (api) => {
  const contract = contracts[api];

  it.each(TRANSPORT)("a %s refusal is documented, with its body, for every operation", (kind) => {
    const reply = shapes[api].error(new Refusal(kind, "Refused.", { allow: ["GET"] }));
    for (const op of contract.operations) {
      expect(contract.documentedAs(op.operationId, reply.status), op.operationId).toBeDefined();
      expect(contract.validate(op.operationId, reply.status, reply.body), op.operationId).toEqual([]);
    }
  });

  it("documents no status an operation's own rules give through its default response", () => {
    // A 409 on an operation that documents none is not a transport answer: its body breaks `default`.
    const reply = shapes[api].error(new Refusal("conflict", "Taken."));
    const without = contract.operations.find((op) => !op.statuses.includes("409"));
    expect(without).toBeDefined();
    expect(contract.validate(String(without?.operationId), 409, reply.body)).not.toEqual([]);
  });
});

describe("a method a known path lacks", () => {
  const sandbox = useSandbox();
  const paths = API_NAMES.flatMap((api) => {
    const contract = contracts[api];
    return [...new Set(contract.operations.map((op) => op.path))].map((path) => ({ api, path, contract }));
  });

  it.each(paths.map((p) => [`${p.api} ${p.path}`, p] as const))(
    "%s answers PATCH with 405, Allow and the API's error shape",
    async (_, { api, path, contract }) => {
      const ops = contract.operations.filter((op) => op.path === path);
      const concrete = basePath(contract.document) + path.replace(/\{\w+\}/g, "x_1");
      const res = await raw(sandbox().url, "PATCH", concrete, { key: "sandbox-enterprise-admin" });
      expect(res.status).toBe(405);
      const documented = ops.map((op) => op.method);
      const allow = String(res.headers.allow).split(", ");
      expect(allow.filter((m) => m !== "HEAD").sort()).toEqual(documented.sort());
      expect(allow.includes("HEAD")).toBe(documented.includes("GET"));
      for (const op of ops) expect(contract.validate(op.operationId, 405, res.body), api).toEqual([]);
    },
  );

  it("still answers HEAD on a GET path as the GET", async () => {
    const res = await raw(sandbox().url, "HEAD", "/v2/enterprise/members", {
      key: "sandbox-enterprise-admin",
    });
    expect(res.status).toBe(200);
  });

  it("still answers an unknown path 404", async () => {
    const res = await raw(sandbox().url, "PATCH", "/v2/enterprise/nothing-here", {
      key: "sandbox-enterprise-admin",
    });
    expect(res.status).toBe(404);
  });
});
