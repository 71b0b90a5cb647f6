import {
  ApiError,
  type ApiErrorInit,
  errorTable,
  isRecord,
  type StatusErrorClass,
  statusClass,
} from "./errors.js";
import type { components } from "./generated/enterprise.js";

type ErrorCode = components["schemas"]["Error"]["code"];

/** An ApiError from the Enterprise admin API v2, whose error bodies are `{code, message}`. */
export class EnterpriseApiError extends ApiError {
  override name = "EnterpriseApiError";
  /** The body's `code` (`"rate_limited"`, `"not_found"`, …); undefined when the body is not `{code}`. */
  readonly code: ErrorCode | undefined;
  constructor(init: ApiErrorInit) {
    super(init);
    const code = isRecord(init.body) ? init.body.code : undefined;
    this.code = typeof code === "string" ? (code as ErrorCode) : undefined;
  }
}

// One class per status the API documents (5xx: after the client's own retries); `name` says which.
type Status<K extends string> = StatusErrorClass<EnterpriseApiError, `Enterprise${K}Error`>;
const status = <K extends string>(kind: K): Status<K> =>
  statusClass(EnterpriseApiError, `Enterprise${kind}Error`);

export const EnterpriseBadRequestError: Status<"BadRequest"> = status("BadRequest");
export type EnterpriseBadRequestError = InstanceType<typeof EnterpriseBadRequestError>;
export const EnterpriseAuthenticationError: Status<"Authentication"> = status("Authentication");
export type EnterpriseAuthenticationError = InstanceType<typeof EnterpriseAuthenticationError>;
export const EnterprisePermissionDeniedError: Status<"PermissionDenied"> = status("PermissionDenied");
export type EnterprisePermissionDeniedError = InstanceType<typeof EnterprisePermissionDeniedError>;
export const EnterpriseNotFoundError: Status<"NotFound"> = status("NotFound");
export type EnterpriseNotFoundError = InstanceType<typeof EnterpriseNotFoundError>;
export const EnterpriseConflictError: Status<"Conflict"> = status("Conflict");
export type EnterpriseConflictError = InstanceType<typeof EnterpriseConflictError>;
export const EnterpriseUnprocessableError: Status<"Unprocessable"> = status("Unprocessable");
export type EnterpriseUnprocessableError = InstanceType<typeof EnterpriseUnprocessableError>;
export const EnterpriseRateLimitError: Status<"RateLimit"> = status("RateLimit");
export type EnterpriseRateLimitError = InstanceType<typeof EnterpriseRateLimitError>;
export const EnterpriseServerError: Status<"Server"> = status("Server");
export type EnterpriseServerError = InstanceType<typeof EnterpriseServerError>;

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
