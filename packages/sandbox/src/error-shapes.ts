// How each API writes its answers. v2: the payload as is, errors as `{code, message}`; v1: every
// body in the envelope `{status_code, status_message, data}`, errors with `data.message`. The v1
// status messages are the contract's own (`SUCCESS`, `NOT_FOUND`, …); the HTTP layer's statuses,
// which each operation's `default` response lists (`METHOD_NOT_ALLOWED`, `REQUEST_TIMEOUT`, …), are
// their HTTP reason phrases in the same style (a sandbox test checks each against the contract).
import { envelopeMessages, type OpenApiDocument } from "@orgadmin/spec/portable";
import { REASON_PHRASES } from "./reason-phrases.js";
import type { FieldError, Refusal, RefusalKind } from "./refusal.js";
import type { Reply } from "./reply.js";

export interface WireShape {
  success(status: number, data: unknown): Reply;
  error(refusal: Refusal): Reply;
}

/** v2: 400 for what cannot be read, 422 for what breaks the contract; codes from its Error enum. */
const ENTERPRISE: Record<RefusalKind, [status: number, code: string]> = {
  unreadable: [400, "bad_request"],
  invalid: [422, "validation_failed"],
  unauthorized: [401, "invalid_api_key"],
  forbidden: [403, "insufficient_permissions"],
  not_found: [404, "not_found"],
  no_route: [404, "not_found"],
  method_not_allowed: [405, "method_not_allowed"],
  conflict: [409, "conflict"],
  rate_limited: [429, "rate_limited"],
  timeout: [408, "request_timeout"],
  headers_too_large: [431, "headers_too_large"],
  internal: [500, "internal_error"],
};

/** v1 answers 400 for anything wrong with the request, read or not. */
const ORGANIZATIONS: Record<RefusalKind, number> = {
  unreadable: 400,
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  no_route: 404,
  method_not_allowed: 405,
  conflict: 409,
  rate_limited: 429,
  timeout: 408,
  headers_too_large: 431,
  internal: 500,
};

function withFields(message: string, errors: FieldError[] | undefined): string {
  if (!errors?.length) return message;
  return `${message} ${errors.map((e) => `${e.field}: ${e.message}.`).join(" ")}`;
}

/** The headers a refusal carries: `Retry-After` on a 429, `Allow` on a 405. */
function refusalHeaders(r: Refusal): Record<string, string> | undefined {
  const headers: Record<string, string> = {};
  if (r.detail.retryAfter !== undefined) headers["Retry-After"] = String(r.detail.retryAfter);
  if (r.detail.allow) headers.Allow = r.detail.allow.join(", ");
  return Object.keys(headers).length > 0 ? headers : undefined;
}

export const enterpriseShape: WireShape = {
  success: (status, data) => ({ status, body: data }),
  error(r) {
    const [status, code] = ENTERPRISE[r.kind];
    const headers = refusalHeaders(r);
    return {
      status,
      body: { code, message: withFields(r.message, r.detail.errors) },
      ...(headers && { headers }),
    };
  },
};

export function organizationsShape(doc: OpenApiDocument): WireShape {
  const named = envelopeMessages(doc);
  if (!named) throw new Error("the Organizations API documents no envelope status messages");
  const statusMessage = (status: number): string =>
    (status < 300 ? named.success : named.errors[status]) ??
    (REASON_PHRASES[status] ?? "Error")
      .toUpperCase()
      .replace(/[^A-Z]+/g, "_")
      .replace(/^_|_$/g, "");
  const envelope = (status: number, data: unknown): Reply => ({
    status,
    body: { status_code: status, status_message: statusMessage(status), data },
  });
  return {
    success: envelope,
    error(r) {
      const errors = r.detail.errors;
      const reply = envelope(
        ORGANIZATIONS[r.kind],
        errors?.length ? { message: r.message, errors } : { message: r.message },
      );
      const headers = refusalHeaders(r);
      return headers ? { ...reply, headers } : reply;
    },
  };
}
