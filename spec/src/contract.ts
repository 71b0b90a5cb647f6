// One API's contract as data: its operations, their documented statuses, and a validator for every
// documented response body. The entry point `@orgadmin/spec/contract` re-exports every reader module.
import type { ApiName } from "./api-names.js";
import type { OpenApiDocument, Permission } from "./document.js";
import { operationsOf, statusesOf } from "./operations.js";
import { deref } from "./refs.js";
import {
  createSchemaCompiler,
  describeProblem,
  type SchemaCompiler,
  type SchemaProblem,
  schemaProblems,
} from "./validation.js";

export interface Operation {
  api: ApiName;
  operationId: string;
  /** Upper case, as on the wire. */
  method: string;
  path: string;
  /** JSON pointer of the operation in the document. */
  pointer: string;
  /** Every documented status, success first. */
  statuses: string[];
  success: string;
  /** Whether a `default` response documents every status not in `statuses` (the HTTP layer's answers). */
  hasDefault: boolean;
  permission: Permission | undefined;
}

export interface Contract {
  api: ApiName;
  file: string;
  document: OpenApiDocument;
  operations: Operation[];
  operation(operationId: string): Operation;
  /** The operation behind an (upper- or lower-case) method and a path template, if documented. */
  find(method: string, path: string): Operation | undefined;
  /**
   * The response key that documents `status` for an operation: the status itself, else `default`
   * when the operation has one; undefined when nothing does (or the operation is unknown).
   */
  documentedAs(operationId: string, status: number | string): string | undefined;
  /** The response documented for a status (or its `default`), resolved, and its JSON pointer. */
  response(operationId: string, status: number | string): { node: Record<string, unknown>; pointer: string };
  /** Problems of `body` against the schema documented for this status. */
  problems(operationId: string, status: number | string, body: unknown): SchemaProblem[];
  /** `problems(...)` as `$.json.path: message` lines. */
  validate(operationId: string, status: number | string, body: unknown): string[];
  /** The JSON example documented for this status (what Prism's mock answers with). */
  example(operationId: string, status: number | string): unknown;
}

/**
 * The contract of `api` read from its bundled `document`, already parsed; `file` names where it
 * came from in messages. No file access: this runs wherever JavaScript does.
 */
export function contractOf(api: ApiName, document: OpenApiDocument, file: string): Contract {
  const operations: Operation[] = operationsOf(document).map(({ path, method, operation, pointer }) => {
    const statuses = statusesOf(operation);
    const success = statuses[0];
    if (!success?.startsWith("2"))
      throw new Error(`${api} ${operation.operationId}: no success response documented`);
    return {
      api,
      operationId: String(operation.operationId),
      method: method.toUpperCase(),
      path,
      pointer,
      statuses,
      success,
      hasDefault: operation.responses?.default !== undefined,
      permission: operation["x-orgadmin-permission"],
    };
  });
  const byId = new Map(operations.map((op) => [op.operationId, op]));
  let compiler: SchemaCompiler | undefined;

  const contract: Contract = {
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
    documentedAs(operationId, status) {
      const op = byId.get(operationId);
      const code = String(status);
      if (!op) return undefined;
      if (op.statuses.includes(code) || (code === "default" && op.hasDefault)) return code;
      return op.hasDefault ? "default" : undefined;
    },
    response(operationId, status) {
      const op = contract.operation(operationId);
      const key = contract.documentedAs(operationId, status) ?? String(status);
      const raw = (
        deref(document, document.paths?.[op.path]).node as Record<string, Record<string, unknown>>
      )[op.method.toLowerCase()]?.responses as Record<string, unknown> | undefined;
      const { node, pointer = `${op.pointer}/responses/${key}` } = deref(document, raw?.[key]);
      return { node: (node ?? {}) as Record<string, unknown>, pointer };
    },
    problems(operationId, status, body) {
      contract.operation(operationId);
      const code = String(status);
      const key = contract.documentedAs(operationId, code);
      if (key === undefined)
        return [{ pointer: "", message: `HTTP ${code} is not documented for ${operationId}` }];
      compiler ??= createSchemaCompiler(document, `urn:orgadmin:${api}`);
      const validate = compiler.compile(
        `${contract.response(operationId, code).pointer}/content/application~1json/schema`,
      );
      if (!validate(body)) return schemaProblems(validate.errors);
      // A `default` response covers several statuses; an envelope must repeat the one it came with.
      const repeated = (body as { status_code?: unknown } | null)?.status_code;
      return key === "default" && typeof repeated === "number" && repeated !== Number(code)
        ? [{ pointer: "/status_code", message: `must repeat the HTTP status ${code}` }]
        : [];
    },
    validate(operationId, status, body) {
      return contract.problems(operationId, status, body).map(describeProblem);
    },
    example(operationId, status) {
      const { node } = contract.response(operationId, status);
      const media = (node.content as Record<string, Record<string, unknown>> | undefined)?.[
        "application/json"
      ];
      if (!media || !("example" in media)) throw new Error(`${api} ${operationId} ${status}: no example`);
      return media.example;
    },
  };
  return contract;
}
