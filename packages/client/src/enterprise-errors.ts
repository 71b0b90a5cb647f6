import { ApiError, type ApiErrorInit, errorTable, isRecord } from "./errors.js";
import type { components } from "./generated/enterprise.js";

type ErrorCode = components["schemas"]["Error"]["code"];

/** An ApiError from the Enterprise admin API v2, whose error bodies are `{code, message}`. */
export class EnterpriseApiError extends ApiError {
  override name = "EnterpriseApiError";
  /** The body's `code` (`"rate_limited"`, `"not_found"`, …); undefined when the body is not `{code}`. */
  readonly code: ErrorCode | undefined;
  constructor(init: ApiErrorInit) {
    super(init);
    this.code =
      isRecord(init.body) && typeof init.body.code === "string" ? (init.body.code as ErrorCode) : undefined;
  }
}
// One class per status the API documents (5xx: after the client's own retries); `name` says which.
export class EnterpriseBadRequestError extends EnterpriseApiError {
  override name = "EnterpriseBadRequestError";
}
export class EnterpriseAuthenticationError extends EnterpriseApiError {
  override name = "EnterpriseAuthenticationError";
}
export class EnterprisePermissionDeniedError extends EnterpriseApiError {
  override name = "EnterprisePermissionDeniedError";
}
export class EnterpriseNotFoundError extends EnterpriseApiError {
  override name = "EnterpriseNotFoundError";
}
export class EnterpriseConflictError extends EnterpriseApiError {
  override name = "EnterpriseConflictError";
}
export class EnterpriseUnprocessableError extends EnterpriseApiError {
  override name = "EnterpriseUnprocessableError";
}
export class EnterpriseRateLimitError extends EnterpriseApiError {
  override name = "EnterpriseRateLimitError";
}
export class EnterpriseServerError extends EnterpriseApiError {
  override name = "EnterpriseServerError";
}

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
