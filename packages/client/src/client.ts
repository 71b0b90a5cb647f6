import createClient, {
  type Client,
  type ClientPathsWithMethod,
  type FetchResponse,
  type MaybeOptionalInit,
  type Middleware,
} from "openapi-fetch";
import { bearer } from "./auth.js";
import { checkBaseUrl } from "./base-url.js";
import { DEFAULT_MAX_RESPONSE_BYTES } from "./body-limit.js";
import { type CallInit, type CallSetup, call, type FetchLike } from "./call.js";
import { type Logger, type LogLevel, leveled } from "./logger.js";
import { safePathSerializer } from "./path-params.js";
import { sleep } from "./timers.js";

export interface ClientOptions {
  /**
   * Sent as `Authorization: Bearer <apiKey>`; never echoed in errors, logs or URLs. When omitted, read
   * from the API's environment variable (`DEVIN_API_KEY` for v2, `ORGADMIN_API_KEY` for v1) in Node,
   * Bun, and Deno when env access is granted; never in a browser.
   */
  apiKey?: string | undefined;
  /** Server root, e.g. `https://api.example.com`. Must be https: unless the host is loopback. */
  baseUrl?: string | undefined;
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
  /** Where log lines go; `console` when omitted. No line ever holds the key or a header. */
  logger?: Logger;
  /** The least severe lines written: `"debug"` (each answer), `"info"` (each retry), … Default `"warn"`. */
  logLevel?: LogLevel;
}

/** What one API brings: its error classes, the shape of its success bodies, where its key lives. */
export interface ApiSetup extends Pick<CallSetup, "apiError" | "payload"> {
  keyVariable: string;
  defaultBaseUrl?: string;
}

type Method = "get" | "put" | "post" | "delete" | "patch";
// What openapi-typescript generates: every path names every method (`put?: never` where there is none).
type AnyPaths = object;
type At<Paths, Path extends keyof Paths, M extends Method> = M & keyof Paths[Path];
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
type InitParam<Init> =
  RequiredKeys<Init> extends never
    ? [(Init & { [key: string]: unknown })?]
    : [Init & { [key: string]: unknown }];
type Success<R> = R extends { data: infer Data } ? Data : never;
type ParsedAs<Init> = Init extends { parseAs: "text" | "blob" | "arrayBuffer" | "stream" } ? "raw" : "json";

/**
 * A call of the client: the same path, parameters and body openapi-fetch takes, resolving to the
 * success body (what `Payload` makes of it) or rejecting with one of the client's errors.
 */
export type CallMethod<Paths extends AnyPaths, M extends Method, Payload extends "body" | "envelope"> = <
  Path extends ClientPathsWithMethod<Client<Paths>, M>,
  Init extends MaybeOptionalInit<Paths[Path], At<Paths, Path, M>>,
>(
  url: Path,
  ...init: InitParam<Init>
) => Promise<
  Payload_<
    Success<FetchResponse<Paths[Path][At<Paths, Path, M>] & {}, Init, `${string}/${string}`>>,
    Init,
    Payload
  >
>;

/** What a call resolves to: the body, or for an envelope read as JSON, its `data`. */
type Payload_<Body, Init, Payload> = Payload extends "envelope"
  ? ParsedAs<Init> extends "json"
    ? Body extends { data?: infer Data }
      ? NonNullable<Data>
      : never
    : Body
  : Body;

/** A typed client: one method per HTTP method, plus openapi-fetch's middleware (it sees every attempt). */
export interface ApiClient<Paths extends AnyPaths, Payload extends "body" | "envelope"> {
  GET: CallMethod<Paths, "get", Payload>;
  PUT: CallMethod<Paths, "put", Payload>;
  POST: CallMethod<Paths, "post", Payload>;
  DELETE: CallMethod<Paths, "delete", Payload>;
  PATCH: CallMethod<Paths, "patch", Payload>;
  use(...middleware: Middleware[]): void;
  eject(...middleware: Middleware[]): void;
}

const CLIENT_AGENT = "orgadmin-client";

/** Node turns a longer timer into 1 ms (browsers too): a huge `timeoutMs` would time out at once. */
const MAX_TIMER_MS = 2_147_483_647;

function checkCount(
  name: string,
  value: number | undefined,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 0) throw new TypeError(`${name} must be a non-negative integer`);
  if (value > max) throw new RangeError(`${name} must be at most ${max}`);
  return value;
}

/** A client for `Paths` of the API `api` describes, with auth, retries, timeouts and errors wired in. */
export function createApiClient<Paths extends AnyPaths, Payload extends "body" | "envelope">(
  options: ClientOptions,
  api: ApiSetup,
): ApiClient<Paths, Payload> {
  const authorization = bearer(options.apiKey, api.keyVariable);
  const baseUrl = checkBaseUrl(options.baseUrl ?? api.defaultBaseUrl, options.allowInsecureHttp);
  const log = leveled(options.logger, options.logLevel);
  const setup: CallSetup = {
    ...api,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    maxRetries: checkCount("maxRetries", options.maxRetries) ?? 2,
    timeoutMs: checkCount("timeoutMs", options.timeoutMs, MAX_TIMER_MS),
    maxBytes: checkCount("maxResponseBytes", options.maxResponseBytes) ?? DEFAULT_MAX_RESPONSE_BYTES,
    sleep: options.sleep ?? sleep,
    log,
  };
  const raw = createClient<Record<string, never>>({
    baseUrl,
    pathSerializer: safePathSerializer,
    headers: {
      ...options.headers,
      Authorization: authorization,
      "User-Agent": options.userAgent ? `${options.userAgent} ${CLIENT_AGENT}` : CLIENT_AGENT,
    },
  });
  const client: Record<string, unknown> = { use: raw.use, eject: raw.eject };
  for (const method of ["GET", "PUT", "POST", "DELETE", "PATCH"]) {
    client[method] = (url: string, init?: CallInit) => call(raw, method, url, init, setup);
  }
  return client as unknown as ApiClient<Paths, Payload>;
}
