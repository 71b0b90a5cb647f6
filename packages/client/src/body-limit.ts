import { type Attempt, infoOf, ResponseTooLargeError } from "./errors.js";

/** The largest response body read by default: 16 MiB, far above any page the APIs answer with. */
export const DEFAULT_MAX_RESPONSE_BYTES: number = 2 ** 24;

/**
 * The response as it came when its headers prove the body fits (a Content-Length within the limit,
 * and no Content-Encoding: with one, the length is the compressed size, and a small gzip can inflate
 * to gigabytes); else one whose body stream is counted as it passes, once, and fails with a
 * ResponseTooLargeError past `maxBytes`. A Content-Length above the limit fails before any byte is read.
 */
export function capped(response: Response, maxBytes: number, attempt: Attempt): Response {
  const { body, headers } = response;
  if (body === null) return response;
  const length = headers.get("content-length");
  const encoding = headers.get("content-encoding");
  const known = length !== null && (encoding === null || encoding === "identity");
  if (known && Number(length) <= maxBytes) return response;
  const { status, statusText } = response;
  const tooLarge = () => new ResponseTooLargeError(infoOf(attempt), status, maxBytes);
  if (known) {
    body.cancel().catch(() => {});
    throw tooLarge();
  }
  let count = 0;
  const counted = body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        count += chunk.byteLength;
        if (count > maxBytes) throw tooLarge();
        controller.enqueue(chunk);
      },
    }),
  );
  return new Response(counted, { status, statusText, headers });
}
