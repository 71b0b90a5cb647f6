import {
  ApiError,
  type ApiErrorInit,
  errorTable,
  isRecord,
  type StatusErrorClass,
  statusClass,
} from "./errors.js";
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
type Status<K extends string> = StatusErrorClass<OrganizationsApiError, `Organizations${K}Error`>;
const status = <K extends string>(kind: K): Status<K> =>
  statusClass(OrganizationsApiError, `Organizations${kind}Error`);

export const OrganizationsBadRequestError: Status<"BadRequest"> = status("BadRequest");
export type OrganizationsBadRequestError = InstanceType<typeof OrganizationsBadRequestError>;
export const OrganizationsAuthenticationError: Status<"Authentication"> = status("Authentication");
export type OrganizationsAuthenticationError = InstanceType<typeof OrganizationsAuthenticationError>;
export const OrganizationsPermissionDeniedError: Status<"PermissionDenied"> = status("PermissionDenied");
export type OrganizationsPermissionDeniedError = InstanceType<typeof OrganizationsPermissionDeniedError>;
export const OrganizationsNotFoundError: Status<"NotFound"> = status("NotFound");
export type OrganizationsNotFoundError = InstanceType<typeof OrganizationsNotFoundError>;
export const OrganizationsConflictError: Status<"Conflict"> = status("Conflict");
export type OrganizationsConflictError = InstanceType<typeof OrganizationsConflictError>;
export const OrganizationsServerError: Status<"Server"> = status("Server");
export type OrganizationsServerError = InstanceType<typeof OrganizationsServerError>;

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
