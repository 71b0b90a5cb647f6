import { ApiError, type ApiErrorInit, errorTable, isRecord, named } from "./errors.js";
import type { components } from "./generated/enterprise.js";

type ErrorCode = components["schemas"]["Error"]["code"];

/** An ApiError from the Enterprise admin API v2, whose error bodies are `{code, message}`. */
export class EnterpriseApiError extends ApiError {
  /** The body's `code` (`"rate_limited"`, `"not_found"`, …); undefined when the body is not `{code}`. */
  readonly code: ErrorCode | undefined;
  constructor(init: ApiErrorInit) {
    super(init);
    const code = isRecord(init.body) ? init.body.code : undefined;
    this.code = typeof code === "string" ? (code as ErrorCode) : undefined;
  }
}

// One class per status the API documents (5xx: after the client's own retries); `name` says which.
export class EnterpriseBadRequestError extends EnterpriseApiError {}
export class EnterpriseAuthenticationError extends EnterpriseApiError {}
export class EnterprisePermissionDeniedError extends EnterpriseApiError {}
export class EnterpriseNotFoundError extends EnterpriseApiError {}
export class EnterpriseConflictError extends EnterpriseApiError {}
export class EnterpriseUnprocessableError extends EnterpriseApiError {}
export class EnterpriseRateLimitError extends EnterpriseApiError {}
export class EnterpriseServerError extends EnterpriseApiError {}

named("Enterprise", {
  Api: EnterpriseApiError,
  BadRequest: EnterpriseBadRequestError,
  Authentication: EnterpriseAuthenticationError,
  PermissionDenied: EnterprisePermissionDeniedError,
  NotFound: EnterpriseNotFoundError,
  Conflict: EnterpriseConflictError,
  Unprocessable: EnterpriseUnprocessableError,
  RateLimit: EnterpriseRateLimitError,
  Server: EnterpriseServerError,
});

export const enterpriseError: (init: ApiErrorInit) => EnterpriseApiError = errorTable(
  EnterpriseApiError,
  {
    400: EnterpriseBadRequestError,
    401: EnterpriseAuthenticationError,
    403: EnterprisePermissionDeniedError,
    404: EnterpriseNotFoundError,
    409: EnterpriseConflictError,
    422: EnterpriseUnprocessableError,
    429: EnterpriseRateLimitError,
  },
  EnterpriseServerError,
);
