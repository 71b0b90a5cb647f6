import { ApiError, MalformedResponseError, sentRequestOf } from "./errors.js";

/** The shape of every openapi-fetch result. */
export type FetchResult<T> = { data?: T; error?: unknown; response: Response };

/** The success body, or an ApiError for any other response. */
export function unwrap<T>(result: FetchResult<T>): T {
  if (!result.response.ok || result.error !== undefined)
    throw ApiError.fromResponse(result.response, result.error);
  return result.data as T;
}

/** Organizations API v1: the envelope's `data`, or an ApiError carrying the envelope's status fields. */
export function unwrapEnvelope<T>(result: FetchResult<{ data?: T }>): NonNullable<T> {
  const envelope = unwrap(result);
  if (envelope?.data === undefined || envelope.data === null) {
    const { method, url } = sentRequestOf(result.response);
    throw new MalformedResponseError({
      status: result.response.status,
      body: envelope,
      headers: result.response.headers,
      method,
      url,
      message: `${method} ${url} returned HTTP ${result.response.status} without the envelope's data`,
    });
  }
  return envelope.data;
}
