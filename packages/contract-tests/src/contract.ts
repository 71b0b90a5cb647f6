// The bundled contract as data: its operations, their documented statuses, and a JSON Schema
// (2020-12) validator for every documented response body.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

export type ApiName = "enterprise" | "organizations";
export const API_NAMES: readonly ApiName[] = ["enterprise", "organizations"];

const METHODS = ["get", "put", "post", "delete", "patch"] as const;

type Json = Record<string, unknown>;

export interface Operation {
  api: ApiName;
  operationId: string;
  method: string;
  path: string;
  /** Every documented status, success first. */
  statuses: string[];
  success: string;
}

export interface Contract {
  api: ApiName;
  file: string;
  document: Json;
  operations: Operation[];
  operation(operationId: string): Operation;
  /** The operation behind an (upper- or lower-case) method and a path template, if documented. */
  find(method: string, path: string): Operation | undefined;
  /** Problems of `body` against the schema documented for this status, as `$.json.path: message`. */
  validate(operationId: string, status: number | string, body: unknown): string[];
  /** The JSON example documented for this status (what Prism's mock answers with). */
  example(operationId: string, status: number | string): unknown;
}

/** Where the bundled document of `api` lives (from the workspace package `@orgadmin/spec`). */
export function bundledSpecPath(api: ApiName): string {
  return createRequire(import.meta.url).resolve(`@orgadmin/spec/${api}.json`);
}

/** `/members/0/email` → `$.members[0].email` */
export function jsonPath(pointer: string): string {
  return pointer
    .split("/")
    .slice(1)
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : `${path}.${part}`), "$");
}

export function describeSchemaError(error: ErrorObject): string {
  const missing = (error.params as { missingProperty?: string }).missingProperty;
  const extra = (error.params as { additionalProperty?: string }).additionalProperty;
  const where = jsonPath(error.instancePath);
  if (error.keyword === "required" && missing) return `${where}.${missing}: is required but missing`;
  if (error.keyword === "additionalProperties" && extra) return `${where}.${extra}: is not in the contract`;
  return `${where}: ${error.message ?? error.keyword}`;
}

const pointerSegment = (segment: string): string => segment.replace(/~/g, "~0").replace(/\//g, "~1");

function deref(document: Json, node: Json): { node: Json; pointer: string | undefined } {
  const ref = node.$ref;
  if (typeof ref !== "string") return { node, pointer: undefined };
  const target = ref
    .slice(2)
    .split("/")
    .reduce<unknown>((n, key) => (n as Json)[key.replace(/~1/g, "/").replace(/~0/g, "~")], document);
  return { node: target as Json, pointer: ref.slice(1) };
}

export function loadContract(api: ApiName, file = bundledSpecPath(api)): Contract {
  const document = JSON.parse(readFileSync(file, "utf8")) as Json;
  const paths = document.paths as Record<string, Record<string, Json>>;
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const statuses = Object.keys(op.responses as Json).sort();
      const success = statuses.find((s) => s.startsWith("2"));
      if (!success) throw new Error(`${api} ${op.operationId}: no success response documented`);
      operations.push({
        api,
        operationId: String(op.operationId),
        method: method.toUpperCase(),
        path,
        statuses: [success, ...statuses.filter((s) => s !== success)],
        success,
      });
    }
  }

  // The whole document is registered once; each response schema is compiled by reference into it,
  // so `$ref`s inside the schemas resolve exactly as the document states them.
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const id = `urn:orgadmin:${api}`;
  ajv.addSchema(document, id);
  const compiled = new Map<string, ValidateFunction>();

  function response(operation: Operation, status: string): { node: Json; pointer: string } {
    const opPointer = `/paths/${pointerSegment(operation.path)}/${operation.method.toLowerCase()}`;
    const responses = (paths[operation.path]?.[operation.method.toLowerCase()]?.responses ?? {}) as Json;
    const { node, pointer } = deref(document, (responses[status] ?? {}) as Json);
    return { node, pointer: pointer ?? `${opPointer}/responses/${status}` };
  }

  function validator(operation: Operation, status: string): ValidateFunction {
    const key = `${operation.operationId} ${status}`;
    const cached = compiled.get(key);
    if (cached) return cached;
    const { pointer } = response(operation, status);
    const fn = ajv.compile({ $ref: `${id}#${pointer}/content/application~1json/schema` });
    compiled.set(key, fn);
    return fn;
  }

  const byId = new Map(operations.map((op) => [op.operationId, op]));
  return {
    api,
    file,
    document,
    operations,
    operation(operationId) {
      const op = byId.get(operationId);
      if (!op) throw new Error(`${api}: no operation ${operationId} in ${file}`);
      return op;
    },
    find(method, path) {
      return operations.find((op) => op.method === method.toUpperCase() && op.path === path);
    },
    validate(operationId, status, body) {
      const op = this.operation(operationId);
      const code = String(status);
      if (!op.statuses.includes(code)) return [`$: HTTP ${code} is not documented for ${operationId}`];
      const validate = validator(op, code);
      return validate(body) ? [] : (validate.errors ?? []).map(describeSchemaError);
    },
    example(operationId, status) {
      const { node } = response(this.operation(operationId), String(status));
      const media = (node.content as Record<string, Json> | undefined)?.["application/json"];
      if (!media || !("example" in media)) throw new Error(`${api} ${operationId} ${status}: no example`);
      return media.example;
    },
  };
}
