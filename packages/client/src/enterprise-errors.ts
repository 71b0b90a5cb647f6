import { ApiError, type ApiErrorInit, errorTable, isRecord } from "./errors.js";
import type { components } from "./generated/enterprise.js";

type ErrorCode = components["schemas"]["Error"]["code"];

/** An ApiError from the Enterprise admin API v2, whose error bodies are `{code, message}`. */
export class EnterpriseApiError extends ApiError {
  override name = "EnterpriseApiError";
  /** The body's `code` (switch on it: `"rate_limited"`, `"not_found"`, …); undefined when the body is not `{code}`. */
  readonly code: ErrorCode | undefined;

  constructor(init: ApiErrorInit) {
    super(init);
    this.code =
      isRecord(init.body) && typeof init.body.code === "string" ? (init.body.code as ErrorCode) : undefined;
  }
}

// One class per status the API documents; each says which it is in `name`.
/** 400 */
export class EnterpriseBadRequestError extends EnterpriseApiError {
  override name = "EnterpriseBadRequestError";
}
/** 401: the key is missing, malformed or revoked. */
export class EnterpriseAuthenticationError extends EnterpriseApiError {
  override name = "EnterpriseAuthenticationError";
}
/** 403: the key is valid but not allowed this operation. */
export class EnterprisePermissionDeniedError extends EnterpriseApiError {
  override name = "EnterprisePermissionDeniedError";
}
/** 404 */
export class EnterpriseNotFoundError extends EnterpriseApiError {
  override name = "EnterpriseNotFoundError";
}
/** 409 */
export class EnterpriseConflictError extends EnterpriseApiError {
  override name = "EnterpriseConflictError";
}
/** 422: the request was well formed, and its values were refused. */
export class EnterpriseUnprocessableError extends EnterpriseApiError {
  override name = "EnterpriseUnprocessableError";
}
/** 429, after the client's own retries. */
export class EnterpriseRateLimitError extends EnterpriseApiError {
  override name = "EnterpriseRateLimitError";
}
/** Any 5xx, after the client's own retries. */
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
