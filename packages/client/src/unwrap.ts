import {
  ApiError,
  type ApiErrorInit,
  apiErrorFor,
  detailOf,
  MalformedResponseError,
  sentRequestOf,
} from "./errors.js";
import { envelopeMessages } from "./generated/organizations-envelope.js";

/** The shape of every openapi-fetch result. */
export type FetchResult<T> = { data?: T; error?: unknown; response: Response };

/**
 * The success body, or an ApiError for any other response. Every success of both APIs is documented
 * with a JSON body, so one without (a 204, an empty body) is a MalformedResponseError, not `undefined`.
 */
export function unwrap<T>(result: FetchResult<T>): T {
  const { response } = result;
  if (!response.ok || result.error !== undefined) throw ApiError.fromResponse(response, result.error);
  if (result.data === undefined) {
    const { method, url } = sentRequestOf(response);
    throw new MalformedResponseError({
      status: response.status,
      body: undefined,
      headers: response.headers,
      method,
      url,
      message: `${method} ${url} returned HTTP ${response.status} without the JSON body the API documents`,
    });
  }
  return result.data;
}

/**
 * Organizations API v1: the envelope's `data`, or an ApiError carrying the envelope's status fields.
 * The envelope's own status counts, not only HTTP's: a server may answer HTTP 200 with
 * `{status_code: 400, status_message: "BAD_REQUEST", data: {message}}`.
 */
export function unwrapEnvelope<T>(result: FetchResult<{ data?: T }>): NonNullable<T> {
  const envelope = unwrap(result);
  const { status_code: code, status_message: message } = (envelope ?? {}) as Record<string, unknown>;
  const success =
    typeof code === "number" && code >= 200 && code < 300 && message === envelopeMessages.success;
  if (success && envelope?.data !== undefined && envelope.data !== null) return envelope.data;

  const { response } = result;
  const { method, url } = sentRequestOf(response);
  const init: ApiErrorInit = {
    status: response.status,
    body: envelope,
    headers: response.headers,
    method,
    url,
  };
  const got = `${method} ${url} returned HTTP ${response.status}`;
  if (typeof code !== "number" || typeof message !== "string") {
    throw new MalformedResponseError({
      ...init,
      message: `${got} without the envelope's status_code and status_message`,
    });
  }
  if (!success) {
    const detail = detailOf(envelope);
    throw apiErrorFor(response, {
      ...init,
      message: `${got} with envelope status ${code} ${message}${detail ? `: ${detail}` : ""}`,
    });
  }
  throw new MalformedResponseError({ ...init, message: `${got} without the envelope's data` });
}
