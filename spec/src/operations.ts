// Every operation of a document, over all eight HTTP methods OpenAPI 3.1 allows on a path item.
import type { OpenApiDocument, OperationObject, ParameterObject } from "./document.js";
import { deref, escapePointer, isObject } from "./refs.js";

/** The HTTP methods a path item may hold, in the order OpenAPI lists them. */
export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface OperationEntry {
  /** The path template, e.g. `/v1/organizations/{organization_id}`. */
  path: string;
  method: HttpMethod;
  /** The path item (resolved when it was a `$ref`), for its shared `parameters` and `servers`. */
  pathItem: Record<string, unknown>;
  operation: OperationObject;
  /** JSON pointer of the operation, e.g. `/paths/~1members/get` (behind a path item's `$ref`, its target's). */
  pointer: string;
}

/** Every operation in document order: path by path, methods in `HTTP_METHODS` order. */
export function operationsOf(doc: OpenApiDocument): OperationEntry[] {
  const entries: OperationEntry[] = [];
  for (const [path, raw] of Object.entries(doc.paths ?? {})) {
    const { node, pointer = `/paths/${escapePointer(path)}` } = deref(doc, raw);
    const pathItem = (node ?? {}) as Record<string, unknown>;
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method] as OperationObject | undefined;
      if (!operation) continue;
      entries.push({ path, method, pathItem, operation, pointer: `${pointer}/${method}` });
    }
  }
  return entries;
}

export interface ParameterEntry {
  /** The parameter, resolved through its `$ref`s. */
  parameter: ParameterObject;
  /** JSON pointer of the parameter where it is written (its schema is at `${pointer}/schema`). */
  pointer: string;
}

/**
 * The parameters that apply to an operation, resolved: its own, then the path item's it does not
 * override (a parameter is known by `in` and `name`).
 */
export function parametersOf(doc: OpenApiDocument, entry: OperationEntry): ParameterEntry[] {
  const listed = (owner: Record<string, unknown>, at: string): ParameterEntry[] =>
    ((owner.parameters as unknown[] | undefined) ?? []).flatMap((raw, index) => {
      const { node, pointer = `${at}/parameters/${index}` } = deref(doc, raw);
      return isObject(node) ? [{ parameter: node as ParameterObject, pointer }] : [];
    });
  const own = listed(entry.operation, entry.pointer);
  const shared = listed(entry.pathItem, entry.pointer.slice(0, entry.pointer.lastIndexOf("/")));
  const key = ({ parameter }: ParameterEntry) => `${parameter.in} ${parameter.name}`;
  const ownKeys = new Set(own.map(key));
  return [...own, ...shared.filter((p) => !ownKeys.has(key(p)))];
}

/**
 * The statuses an operation documents one by one, the first 2xx first, then the rest in order. Its
 * `default` response (the HTTP layer's answers, for any other status) is not one of them.
 */
export function statusesOf(operation: OperationObject): string[] {
  const statuses = Object.keys(operation.responses ?? {})
    .filter((s) => s !== "default")
    .sort();
  const success = statuses.find((s) => s.startsWith("2"));
  return success ? [success, ...statuses.filter((s) => s !== success)] : statuses;
}
