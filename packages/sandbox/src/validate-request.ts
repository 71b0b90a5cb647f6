// Stage 4, validate: path and query parameters and the JSON body against the operation's schemas.
import type { IncomingHttpHeaders } from "node:http";
import { pointerSegments, schemaProblems } from "@orgadmin/spec/contract";
import { isJsonContentType } from "./http-io.js";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "./json-depth.js";
import type { Operation } from "./operations.js";
import { decodeQuery } from "./query.js";
import { type FieldError, Refusal } from "./refusal.js";

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

function parameters(op: Operation, params: Record<string, string>, rawQuery: string) {
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

function jsonBody(op: Operation, raw: Buffer, headers: IncomingHttpHeaders): unknown {
  if (!op.validateBody) return undefined;
  if (raw.length === 0) {
    // Nothing to misread: the body the operation requires is missing (422 in v2).
    if (op.bodyRequired) throw new Refusal("invalid", "The request body is missing.");
    return undefined;
  }
  if (!isJsonContentType(headers["content-type"])) {
    throw new Refusal("unreadable", "The request body must be sent as application/json.");
  }
  if (nestsDeeperThan(raw, MAX_JSON_DEPTH)) {
    throw new Refusal("unreadable", `The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`);
  }
  let body: unknown;
  try {
    body = JSON.parse(raw.toString("utf8"));
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
  op: Operation,
  params: Record<string, string>,
  rawQuery: string,
  raw: Buffer,
  headers: IncomingHttpHeaders,
): Input {
  return { ...parameters(op, params, rawQuery), body: jsonBody(op, raw, headers) };
}
