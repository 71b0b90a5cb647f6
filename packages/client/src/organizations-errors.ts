import { ApiError, type ApiErrorInit, errorTable, isRecord } from "./errors.js";
import type { components } from "./generated/organizations.js";

type ErrorEnvelope = components["schemas"]["ErrorEnvelope"];

/** An ApiError from the Organizations API v1, whose every body is a `{status_code, status_message, data}` envelope. */
export class OrganizationsApiError extends ApiError {
  override name = "OrganizationsApiError";
  /** The envelope's `status_message` (`"NOT_FOUND"`, …; another string if a server sends one). */
  declare readonly statusMessage: NonNullable<ErrorEnvelope["status_message"]> | (string & {}) | undefined;
  /** The body when it is an envelope (with `status_code` and `status_message`), else undefined. */
  readonly envelope: ErrorEnvelope | undefined;

  constructor(init: ApiErrorInit) {
    super(init);
    const body = init.body;
    this.envelope =
      isRecord(body) && typeof body.status_code === "number" && typeof body.status_message === "string"
        ? (body as ErrorEnvelope)
        : undefined;
  }
}

// One class per status the API documents (by the envelope's status_code when it has one).
/** 400 */
export class OrganizationsBadRequestError extends OrganizationsApiError {
  override name = "OrganizationsBadRequestError";
}
/** 401: the key is missing, malformed or revoked. */
export class OrganizationsAuthenticationError extends OrganizationsApiError {
  override name = "OrganizationsAuthenticationError";
}
/** 403: the caller's role does not allow this operation. */
export class OrganizationsPermissionDeniedError extends OrganizationsApiError {
  override name = "OrganizationsPermissionDeniedError";
}
/** 404 */
export class OrganizationsNotFoundError extends OrganizationsApiError {
  override name = "OrganizationsNotFoundError";
}
/** 409 */
export class OrganizationsConflictError extends OrganizationsApiError {
  override name = "OrganizationsConflictError";
}
/** Any 5xx, after the client's own retries. */
export class OrganizationsServerError extends OrganizationsApiError {
  override name = "OrganizationsServerError";
}

export const organizationsError: (init: ApiErrorInit, status?: number) => OrganizationsApiError = errorTable(
  OrganizationsApiError,
  {
    400: OrganizationsBadRequestError,
    401: OrganizationsAuthenticationError,
    403: OrganizationsPermissionDeniedError,
    404: OrganizationsNotFoundError,
    409: OrganizationsConflictError,
  },
  OrganizationsServerError,
);
