import { ApiError, type ApiErrorInit, errorTable, isRecord } from "./errors.js";
import type { components } from "./generated/organizations.js";

type ErrorEnvelope = components["schemas"]["ErrorEnvelope"];

/** An ApiError from the Organizations API v1, whose every body is a `{status_code, status_message, data}` envelope. */
export class OrganizationsApiError extends ApiError {
  override name = "OrganizationsApiError";
  /** The body when it is an envelope (with `status_code` and `status_message`), else undefined. */
  readonly envelope: ErrorEnvelope | undefined;
  /** The envelope's `status_code` (it may differ from the HTTP status: an error envelope in a 200). */
  readonly statusCode: number | undefined;
  /** The envelope's `status_message` (`"NOT_FOUND"`, …; another string if a server sends one). */
  readonly statusMessage: NonNullable<ErrorEnvelope["status_message"]> | (string & {}) | undefined;
  constructor(init: ApiErrorInit) {
    super(init);
    const { body } = init;
    const isEnvelope =
      isRecord(body) && typeof body.status_code === "number" && typeof body.status_message === "string";
    this.envelope = isEnvelope ? (body as ErrorEnvelope) : undefined;
    this.statusCode = this.envelope?.status_code;
    this.statusMessage = this.envelope?.status_message;
  }
}
// One class per status the API documents (5xx: after the client's own retries); `name` says which.
export class OrganizationsBadRequestError extends OrganizationsApiError {
  override name = "OrganizationsBadRequestError";
}
export class OrganizationsAuthenticationError extends OrganizationsApiError {
  override name = "OrganizationsAuthenticationError";
}
export class OrganizationsPermissionDeniedError extends OrganizationsApiError {
  override name = "OrganizationsPermissionDeniedError";
}
export class OrganizationsNotFoundError extends OrganizationsApiError {
  override name = "OrganizationsNotFoundError";
}
export class OrganizationsConflictError extends OrganizationsApiError {
  override name = "OrganizationsConflictError";
}
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
