// Stage 4, validate: path and query parameters and the JSON body against the operation's schemas.
import { pointerSegments, schemaProblems } from "@orgadmin/spec/portable";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "./json-depth.js";
import type { CompiledOperation } from "./operations.js";
import { decodeQuery } from "./query.js";
import { type FieldError, Refusal } from "./refusal.js";
import { isJsonContentType } from "./reply.js";

type Errors = Parameters<typeof schemaProblems>[0];

/** The contract reader's problems as fields named by dotted path (`settings.default_role`). */
function fieldErrors(errors: Errors, root: string): FieldError[] {
  return schemaProblems(errors).map((p) => ({
    field: pointerSegments(p.pointer).join(".") || root,
    message: p.message,
  }));
}

export interface Input {
  path: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
}

function parameters(op: CompiledOperation, params: Record<string, string>, rawQuery: string) {
  const path: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    try {
      path[name] = decodeURIComponent(value);
    } catch {
      throw new Refusal("unreadable", `${name}: not a valid path segment.`);
    }
  }
  const query = decodeQuery(rawQuery, op.queryTypes, op.queryDefaults);
  if (!op.validateParams({ path, query })) {
    const errors = fieldErrors(op.validateParams.errors, "parameters").map((e) => ({
      ...e,
      field: e.field.replace(/^(path|query)\./, ""),
    }));
    // The request was read; a parameter missing, of the wrong type or out of range breaks the
    // contract (422 in v2), as Prism's mock answers too.
    throw new Refusal("invalid", "Invalid parameters.", { errors });
  }
  return { path, query };
}

const utf8 = new TextDecoder();

function jsonBody(op: CompiledOperation, raw: Uint8Array, contentType: string | null): unknown {
  if (!op.validateBody) return undefined;
  if (raw.length === 0) {
    // Nothing to misread: the body the operation requires is missing (422 in v2).
    if (op.bodyRequired) throw new Refusal("invalid", "The request body is missing.");
    return undefined;
  }
  if (!isJsonContentType(contentType)) {
    throw new Refusal("unreadable", "The request body must be sent as application/json.");
  }
  if (nestsDeeperThan(raw, MAX_JSON_DEPTH)) {
    throw new Refusal("unreadable", `The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`);
  }
  let body: unknown;
  try {
    body = JSON.parse(utf8.decode(raw));
  } catch {
    throw new Refusal("unreadable", "The request body is not valid JSON.");
  }
  if (!op.validateBody(body)) {
    throw new Refusal("invalid", "The request body breaks the contract.", {
      errors: fieldErrors(op.validateBody.errors, "body"),
    });
  }
  return body;
}

export function validateRequest(
  op: CompiledOperation,
  params: Record<string, string>,
  rawQuery: string,
  raw: Uint8Array,
  contentType: string | null,
): Input {
  return { ...parameters(op, params, rawQuery), body: jsonBody(op, raw, contentType) };
}
