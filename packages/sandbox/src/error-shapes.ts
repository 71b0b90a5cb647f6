// The two contracts' error bodies. v2: `{code, message}`; v1: the envelope with `data.message`.
import type { Reply } from "./http-io.js";
import type { RefusalKind } from "./refusal.js";
import type { FieldError } from "./validation.js";

export type Failure =
  | { kind: "unreadable"; message: string; errors?: FieldError[] }
  | { kind: "invalid"; message: string; errors?: FieldError[] }
  | { kind: "unauthorized" }
  | { kind: "forbidden"; message?: string }
  | { kind: "not_found"; message: string }
  | { kind: "no_route"; message: string }
  | { kind: "conflict"; message: string }
  | { kind: "rate_limited"; retryAfter: number };

export function refusalFailure(kind: RefusalKind, message: string): Failure {
  return { kind, message } as Failure;
}

const KEY_MESSAGE = "The API key is missing or invalid.";

/** v2: 404 for an unknown organization in the path, 409 for a name clash, 422 for a broken rule. */
export function enterpriseError(f: Failure): Reply {
  switch (f.kind) {
    case "unreadable":
      return { status: 400, body: { code: "bad_request", message: withFields(f.message, f.errors) } };
    case "invalid":
      return {
        status: 422,
        body: { code: "validation_failed", message: withFields(f.message, errorsOf(f)) },
      };
    case "not_found":
    case "no_route":
      // no_route is outside the contract altogether: no operation has this path or method.
      return { status: 404, body: { code: "not_found", message: f.message } };
    case "conflict":
      return { status: 409, body: { code: "conflict", message: f.message } };
    case "unauthorized":
      return { status: 401, body: { code: "invalid_api_key", message: KEY_MESSAGE } };
    case "forbidden":
      return {
        status: 403,
        body: {
          code: "insufficient_permissions",
          message: f.message ?? "This action needs the Enterprise admin role.",
        },
      };
    case "rate_limited":
      return {
        status: 429,
        body: { code: "rate_limited", message: "Rate limit exceeded. Retry later." },
        headers: { "Retry-After": String(f.retryAfter) },
      };
  }
}

const errorsOf = (f: Failure): FieldError[] | undefined => ("errors" in f ? f.errors : undefined);

function withFields(message: string, errors: FieldError[] | undefined): string {
  if (!errors?.length) return message;
  return `${message} ${errors.map((e) => `${e.field}: ${e.message}.`).join(" ")}`;
}

const V1: Record<number, string> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
};

function envelope(status: number, message: string, errors?: FieldError[]): Reply {
  const data = errors?.length ? { message, errors } : { message };
  return { status, body: { status_code: status, status_message: V1[status], data } };
}

export function organizationsError(f: Failure): Reply {
  switch (f.kind) {
    case "unreadable":
    case "invalid":
      return envelope(400, f.message, f.errors);
    case "unauthorized":
      return envelope(401, KEY_MESSAGE);
    case "forbidden":
      return envelope(403, f.message ?? "Your role in this organization does not allow this operation.");
    case "not_found":
    case "no_route":
      return envelope(404, f.message);
    case "conflict":
      return envelope(409, f.message);
    case "rate_limited":
      throw new Error("the Organizations API documents no 429; its requests are never rate limited");
  }
}
