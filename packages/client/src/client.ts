import createClient, { type Client } from "openapi-fetch";
import { bearer } from "./auth.js";
import { checkBaseUrl } from "./base-url.js";
import { DEFAULT_MAX_RESPONSE_BYTES } from "./body-limit.js";
import { wrapCalls } from "./calls.js";
import type { ApiName } from "./errors.js";
import { safePathSerializer } from "./path-params.js";
import { createResilientFetch, type FetchLike } from "./resilient-fetch.js";

export interface ClientOptions {
  /** Sent as `Authorization: Bearer <apiKey>`; never echoed in errors or URLs. */
  apiKey: string;
  /** Server root, e.g. `https://api.example.com`. Must be https: unless the host is loopback. */
  baseUrl?: string;
  /** Allow a plain http: baseUrl on a non-loopback host (the key then travels in clear text). */
  allowInsecureHttp?: boolean;
  /**
   * Time limit for each attempt, in milliseconds, body included. No limit when omitted. At most
   * 2147483647 (about 24.8 days, the longest timer the platforms keep).
   */
  timeoutMs?: number;
  /**
   * The largest response body read, in bytes, counted after decompression; a larger one is a
   * ResponseTooLargeError. Default 16 MiB (`DEFAULT_MAX_RESPONSE_BYTES`).
   */
  maxResponseBytes?: number;
  /** Retries after the first attempt (429, 503, network errors, 502/504 for idempotent methods). Default 2. */
  maxRetries?: number;
  /** The fetch to use; defaults to `globalThis.fetch`. */
  fetch?: FetchLike;
  /**
   * Waits between attempts (back-off, `Retry-After`); a real timer when omitted. Tests inject one to
   * see the waits the client asks for without spending them.
   */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Prepended to the `User-Agent` header. */
  userAgent?: string;
  /** Extra headers for every request. */
  headers?: Record<string, string>;
}

const CLIENT_AGENT = "orgadmin-client";

/** Node turns a longer timer into 1 ms (browsers too): a huge `timeoutMs` would time out at once. */
const MAX_TIMER_MS = 2_147_483_647;

function checkCount(name: string, value: number | undefined, fallback: number, max?: number): number;
function checkCount(
  name: string,
  value: number | undefined,
  fallback: undefined,
  max?: number,
): number | undefined;
function checkCount(
  name: string,
  value: number | undefined,
  fallback: number | undefined,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) throw new TypeError(`${name} must be a non-negative integer`);
  if (value > max) throw new RangeError(`${name} must be at most ${max}`);
  return value;
}

/** An openapi-fetch client for `Paths` with auth, retries and timeouts wired in. */
export function createApiClient<Paths extends {}>(
  api: ApiName,
  options: ClientOptions,
  defaultBaseUrl?: string,
): Client<Paths> {
  const authorization = bearer(options.apiKey);
  const baseUrl = checkBaseUrl(options.baseUrl ?? defaultBaseUrl, options.allowInsecureHttp);
  const timeoutMs = checkCount("timeoutMs", options.timeoutMs, undefined, MAX_TIMER_MS);
  const maxResponseBytes = checkCount(
    "maxResponseBytes",
    options.maxResponseBytes,
    DEFAULT_MAX_RESPONSE_BYTES,
  );
  const maxRetries = checkCount("maxRetries", options.maxRetries, 2);
  const fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const send = createResilientFetch({
    fetch,
    maxRetries,
    timeoutMs,
    maxResponseBytes,
    ...(options.sleep && { sleep: options.sleep }),
  });
  const client = createClient<Paths>({
    baseUrl,
    fetch: (input: Request) => send(input),
    pathSerializer: safePathSerializer,
    headers: {
      ...options.headers,
      Authorization: authorization,
      "User-Agent": options.userAgent ? `${options.userAgent} ${CLIENT_AGENT}` : CLIENT_AGENT,
    },
  });
  return wrapCalls(client, { send, maxBytes: maxResponseBytes, api });
}
