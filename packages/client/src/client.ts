import createClient, {
  type Client,
  type ClientPathsWithMethod,
  type FetchResponse,
  type MaybeOptionalInit,
} from "openapi-fetch";
import { bearer } from "./auth.js";
import { checkBaseUrl, safePathSerializer } from "./base-url.js";
import { DEFAULT_MAX_RESPONSE_BYTES } from "./body-limit.js";
import { type CallInit, type CallSetup, call, type FetchLike } from "./call.js";
import { type Logger, type LogLevel, leveled } from "./logger.js";
import { sleep } from "./timers.js";

export interface ClientOptions {
  /**
   * Sent as `Authorization: Bearer <apiKey>`; never in errors, logs or URLs. When omitted, read from the
   * API's environment variable (`DEVIN_API_KEY` for v2, `ORGADMIN_API_KEY` for v1) in Node, Bun, and
   * Deno when env access is granted; never in a browser.
   */
  apiKey?: string | undefined;
  /** Server root, e.g. `https://api.example.com`. Must be https: unless the host is loopback. */
  baseUrl?: string | undefined;
  /** Allow a plain http: baseUrl on a non-loopback host (the key then travels in clear text). */
  allowInsecureHttp?: boolean;
  /** Time limit of each attempt in ms, body included; none when omitted. At most 2147483647 (24.8 days). */
  timeoutMs?: number;
  /** The largest body read, in bytes, after decompression (default 16 MiB); larger is a ResponseTooLargeError. */
  maxResponseBytes?: number;
  /** Retries after the first attempt (429, 503, network errors, 502/504 for idempotent methods). Default 2. */
  maxRetries?: number;
  /** The fetch to use; defaults to `globalThis.fetch`. */
  fetch?: FetchLike;
  /** Waits between attempts (back-off, `Retry-After`); a real timer when omitted. Tests inject their own. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Sent as `User-Agent: <userAgent> orgadmin-client`; when omitted, the platform's own. */
  userAgent?: string;
  /** Extra headers for every request. */
  headers?: Record<string, string>;
  /** Where log lines go; `console` when omitted. No line ever holds the key or a header. */
  logger?: Logger;
  /** The least severe lines written: `"debug"` (each answer), `"info"` (each retry), … Default `"warn"`. */
  logLevel?: LogLevel;
}

/** What one API brings: its error classes, the shape of its success bodies, where its key lives. */
export type ApiSetup = Pick<CallSetup, "apiError" | "payload"> & {
  keyVariable: string;
  defaultBaseUrl?: string;
};

type Method = "get" | "put" | "post" | "delete" | "patch";
type At<Paths, Path extends keyof Paths, M extends Method> = M & keyof Paths[Path];
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
type Open<Init> = Init & { [key: string]: unknown };
type InitParam<Init> = RequiredKeys<Init> extends never ? [Open<Init>?] : [Open<Init>];
type Success<R> = R extends { data: infer Data } ? Data : never;
/** What a call resolves to: the body, or for an envelope read as JSON, its `data`. */
type Resolved<Body, Init, Payload> = Payload extends "body"
  ? Body
  : Init extends { parseAs: "text" | "blob" | "arrayBuffer" | "stream" }
    ? Body
    : Body extends { data?: infer Data }
      ? NonNullable<Data>
      : never;

/**
 * A call of the client: the same path, parameters and body openapi-fetch takes, resolving to the
 * success body (what `Payload` makes of it) or rejecting with one of the client's errors.
 */
export type CallMethod<Paths extends object, M extends Method, Payload extends "body" | "envelope"> = <
  Path extends ClientPathsWithMethod<Client<Paths>, M>,
  Init extends MaybeOptionalInit<Paths[Path], At<Paths, Path, M>>,
>(
  url: Path,
  ...init: InitParam<Init>
) => Promise<
  Resolved<
    Success<FetchResponse<Paths[Path][At<Paths, Path, M>] & {}, Init, `${string}/${string}`>>,
    Init,
    Payload
  >
>;

/** The JSON body operation `Op` of `Ops` answers with `Status` (for the names each API gives its types). */
export type JsonBody<Ops, Op extends keyof Ops, Status extends number> = Ops[Op] extends {
  responses: Record<Status, { content: { "application/json": infer Body } }>;
}
  ? Body
  : never;

/** A typed client: one method per HTTP method, plus openapi-fetch's middleware (it sees every attempt). */
export type ApiClient<Paths extends object, Payload extends "body" | "envelope"> = {
  [M in Method as Uppercase<M>]: CallMethod<Paths, M, Payload>;
} & Pick<Client<Paths>, "use" | "eject">;

/** A count option as given, checked, or `fallback` when omitted. */
function count<T>(name: string, value: number | undefined, fallback: T, max = Number.MAX_SAFE_INTEGER) {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${name} must be an integer from 0 to ${max}`);
  }
  return value;
}

/** A client for `Paths` of the API `api` describes, with auth, retries, timeouts and errors wired in. */
export function createApiClient<Paths extends object, Payload extends "body" | "envelope">(
  options: ClientOptions,
  api: ApiSetup,
): ApiClient<Paths, Payload> {
  const { userAgent, headers } = options;
  const Authorization = bearer(options.apiKey, api.keyVariable);
  const baseUrl = checkBaseUrl(options.baseUrl ?? api.defaultBaseUrl, options.allowInsecureHttp);
  const raw = createClient<Record<string, never>>({
    baseUrl,
    pathSerializer: safePathSerializer,
    headers: {
      ...headers,
      Authorization,
      ...(userAgent && { "User-Agent": `${userAgent} orgadmin-client` }),
    },
  });
  const setup: CallSetup = {
    ...api,
    raw,
    fetch: options.fetch,
    maxRetries: count("maxRetries", options.maxRetries, 2),
    // Node turns a longer timer into 1 ms (browsers too): a huge `timeoutMs` would time out at once.
    timeoutMs: count("timeoutMs", options.timeoutMs, undefined, 2 ** 31 - 1),
    maxBytes: count("maxResponseBytes", options.maxResponseBytes, DEFAULT_MAX_RESPONSE_BYTES),
    sleep: options.sleep ?? sleep,
    log: leveled(options.logger, options.logLevel),
  };
  const client: Record<string, unknown> = { use: raw.use, eject: raw.eject };
  for (const method of ["GET", "PUT", "POST", "DELETE", "PATCH"]) {
    client[method] = (url: string, init?: CallInit) => call(setup, method, url, init);
  }
  return client as unknown as ApiClient<Paths, Payload>;
}
