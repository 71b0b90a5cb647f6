// Every example the contract documents is one the sandbox accepts: each operation is called with its
// parameters' examples and each of its request body examples, and must answer its documented success
// with a body the contract accepts. An example that changes the state gets a fresh sandbox, so no
// example runs on what another left behind.
import {
  API_NAMES,
  type ApiName,
  basePath,
  deref,
  loadContract,
  type OpenApiDocument,
  operationsOf,
  parametersOf,
} from "@orgadmin/spec/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "../src/testing.js";
import { json, KEYS } from "./support/sandbox.js";

interface MediaExamples {
  example?: unknown;
  examples?: Record<string, { value: unknown }>;
}

interface Call {
  name: string;
  operationId: string;
  method: string;
  path: string;
  body: unknown;
  success: string;
}

/** One call per request body example (one call when there is none), with every parameter's example. */
function documentedCalls(api: ApiName): Call[] {
  const contract = loadContract(api);
  const doc: OpenApiDocument = contract.document;
  return operationsOf(doc).flatMap((entry) => {
    const op = contract.operation(String(entry.operation.operationId));
    let path = basePath(doc) + entry.path;
    const query = new URLSearchParams();
    for (const { parameter: p } of parametersOf(doc, entry)) {
      if (p.example === undefined) {
        if (p.required) throw new Error(`${op.operationId}: required parameter ${p.name} has no example`);
        continue;
      }
      if (p.in === "path") path = path.replace(`{${p.name}}`, encodeURIComponent(String(p.example)));
      else if (p.in === "query") query.set(p.name, String(p.example));
    }
    if (query.size > 0) path += `?${query}`;
    const media = (
      deref(doc, entry.operation.requestBody).node as { content?: Record<string, MediaExamples> } | undefined
    )?.content?.["application/json"];
    const bodies: Array<[string, unknown]> =
      media === undefined
        ? [["no body", undefined]]
        : [
            ...(media.example === undefined ? [] : [["example", media.example] as [string, unknown]]),
            ...Object.entries(media.examples ?? {}).map(
              ([name, ex]) => [name, ex.value] as [string, unknown],
            ),
          ];
    return bodies.map(([name, body]) => ({
      name: `${op.method} ${path} (${name})`,
      operationId: op.operationId,
      method: op.method,
      path,
      body,
      success: op.success,
    }));
  });
}

// The spec's example ids (org_abc123, user_123) are the Enterprise admin's, an owner of org_abc123.
const KEY = KEYS.enterpriseAdmin;

let shared: TestSandbox;
beforeAll(async () => {
  shared = await startTestSandbox();
});
afterAll(async () => {
  await shared?.close();
});

describe.each(API_NAMES)("the %s API's documented examples", (api) => {
  const contract = loadContract(api);
  const calls = documentedCalls(api);

  it("cover every operation", () => {
    expect(new Set(calls.map((c) => c.operationId))).toEqual(
      new Set(contract.operations.map((o) => o.operationId)),
    );
  });

  it.each(calls.map((c) => [c.name, c] as const))("%s answers its documented success", async (_, call) => {
    const changes = call.method !== "GET";
    const sandbox = changes ? await startTestSandbox() : shared;
    try {
      const res = await json(sandbox.url, call.method, call.path, KEY, call.body);
      expect({ status: res.status, body: res.body }).toMatchObject({ status: Number(call.success) });
      expect(contract.validate(call.operationId, res.status, res.body)).toEqual([]);
    } finally {
      if (changes) await sandbox.close();
    }
  });
});
