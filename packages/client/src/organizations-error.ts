import { ApiError, type ApiErrorInit, isRecord } from "./errors.js";
import type { components } from "./generated/organizations.js";

type ErrorEnvelope = components["schemas"]["ErrorEnvelope"];

/**
 * An ApiError from the Organizations API v1, whose every body is a `{status_code, status_message, data}`
 * envelope. Each status the API documents has a subclass (generated/organizations-errors.ts).
 */
export class OrganizationsApiError extends ApiError {
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
