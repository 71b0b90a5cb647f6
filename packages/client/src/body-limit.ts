import { publicUrl, ResponseTooLargeError } from "./errors.js";

/** The largest response body read by default: 16 MiB, far above any page the APIs answer with. */
export const DEFAULT_MAX_RESPONSE_BYTES: number = 16 * 1024 * 1024;

export interface BodyLimit {
  maxBytes: number;
  method: string;
  url: string;
}

/**
 * Whether the headers alone prove the body fits: a Content-Length within the limit and no
 * Content-Encoding (with one, the length is the compressed size, and a small gzip can inflate to
 * gigabytes). undefined when only counting can tell.
 */
function fitsByHeaders(headers: Headers, maxBytes: number): boolean | undefined {
  const length = headers.get("content-length");
  const encoding = headers.get("content-encoding");
  if (length === null || (encoding !== null && encoding !== "identity")) return undefined;
  return Number(length) <= maxBytes;
}

function tooLarge(response: Response, limit: BodyLimit): ResponseTooLargeError {
  return new ResponseTooLargeError(limit.method, publicUrl(limit.url), response.status, limit.maxBytes);
}

/** The response as it came when its headers prove it fits, else one whose body is counted as it passes. */
export function capped(response: Response, limit: BodyLimit): Response {
  if (response.body === null) return response;
  const fits = fitsByHeaders(response.headers, limit.maxBytes);
  if (fits) return response;
  const source = response.body.getReader();
  if (fits === false) {
    source.cancel().catch(() => {});
    throw tooLarge(response, limit);
  }
  let count = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const chunk = await source.read();
      if (chunk.done) {
        controller.close();
        return;
      }
      count += chunk.value.byteLength;
      if (count > limit.maxBytes) {
        controller.error(tooLarge(response, limit));
        await source.cancel().catch(() => {});
        return;
      }
      controller.enqueue(chunk.value);
    },
    cancel: (why) => source.cancel(why),
  });
  const { status, statusText, headers } = response;
  return new Response(body, { status, statusText, headers });
}

/** The whole body as bytes (null for none), read no further than the limit. */
export async function readBytes(response: Response, limit: BodyLimit): Promise<Uint8Array | null> {
  if (response.body === null) return null;
  const fits = fitsByHeaders(response.headers, limit.maxBytes);
  if (fits) return new Uint8Array(await response.arrayBuffer());
  if (fits === false) {
    await response.body.cancel().catch(() => {});
    throw tooLarge(response, limit);
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let count = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    count += chunk.value.byteLength;
    if (count > limit.maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(response, limit);
    }
    chunks.push(chunk.value);
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const bytes = new Uint8Array(count);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}
