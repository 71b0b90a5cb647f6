// Checks a response body against the schema the bundled spec gives for that operation and status.
import type { ValidateFunction } from "ajv/dist/2020.js";
import { type ApiName, loadContract, type OperationObject } from "../../src/contract.js";
import { createCompiler } from "../../src/validation.js";

const cache = new Map<string, ValidateFunction>();
const docs = { enterprise: loadContract("enterprise"), organizations: loadContract("organizations") };
const compilers = {
  enterprise: createCompiler(docs.enterprise, "enterprise"),
  organizations: createCompiler(docs.organizations, "organizations"),
};

function pointerFor(api: ApiName, operationId: string, status: number): string {
  const doc = docs[api];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(item)) {
      const op = raw as OperationObject;
      if (op?.operationId !== operationId) continue;
      const response = op.responses[String(status)] as { $ref?: string } | undefined;
      if (!response) throw new Error(`${api} ${operationId} documents no ${status}`);
      const escaped = path.replace(/~/g, "~0").replace(/\//g, "~1");
      const base = response.$ref ? response.$ref.slice(1) : `/paths/${escaped}/${method}/responses/${status}`;
      return `${base}/content/application~1json/schema`;
    }
  }
  throw new Error(`${api} has no operation ${operationId}`);
}

/** Throws with Ajv's errors unless `body` is what the spec documents for this status. */
export function expectDocumented(api: ApiName, operationId: string, status: number, body: unknown): void {
  const key = `${api} ${operationId} ${status}`;
  let validate = cache.get(key);
  if (!validate) {
    validate = compilers[api].compile(pointerFor(api, operationId, status));
    cache.set(key, validate);
  }
  if (!validate(body)) {
    throw new Error(
      `${key}: body breaks the contract: ${JSON.stringify(validate.errors)}\n${JSON.stringify(body)}`,
    );
  }
}
