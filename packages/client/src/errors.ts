import { parseRetryAfterMs } from "./retry-policy.js";

/** `url` (against `base`) safe to show: no user info, no fragment; "" when it does not parse. */
export function publicUrl(url: string, base?: string): string {
  if (!URL.canParse(url, base)) return "";
  const u = new URL(url, base);
  u.username = u.password = u.hash = "";
  return u.href;
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;

/** What every error of a call can say about it: the request (its URL without credentials), and the answer's id. */
export interface CallInfo {
  method: string;
  url: string;
  /** `X-Request-Id` of the answer (the contract's header), when one came with it. */
  requestId?: string | undefined;
}

export const requestIdOf = (headers?: Headers): string | undefined =>
  headers?.get("x-request-id") ?? undefined;

/**
 * One attempt's state, handed to what needs it. It keeps the Request (and so its signal) reachable until
 * the attempt is over: undici follows that signal through a weak reference (undici #4068).
 */
export type Attempt = { method: string; request?: Request; response?: Response };

/** Computed only for an error or a log line: parsing the URL is not free. */
export const infoOf = ({ method, request, response }: Attempt): CallInfo => ({
  method,
  url: publicUrl(request?.url ?? response?.url ?? ""),
  requestId: requestIdOf(response?.headers),
});

/**
 * The base of every error a call of the client throws. (Invalid options and arguments are a TypeError or
 * RangeError, thrown before anything is sent; the caller's abort rejects with its signal's reason.)
 */
export class OrgadminError extends Error {}

/** An error of one call: what was called, and the request id of the answer, when there was one. */
abstract class CallError extends OrgadminError {
  declare readonly method: string;
  declare readonly url: string;
  declare readonly requestId: string | undefined;
  /** `fields`: the subclass's own, set here once rather than one by one in each constructor. */
  constructor(info: CallInfo, message: string, fields?: object, options?: ErrorOptions) {
    const { method, url, requestId } = info;
    super(`${method} ${url} ${message}`, options);
    Object.assign(this, { method, url, requestId }, fields);
  }
}

export interface ApiErrorInit extends CallInfo {
  status: number;
  /** Parsed JSON when the body was JSON, otherwise its text. */
  body: unknown;
  headers: Headers;
  /** What went wrong, after "METHOD URL"; by default the status and the server's message. */
  message?: string;
}

type WithMessage = { message?: unknown; data?: { message?: unknown } } | null | undefined;

function defaultMessage({ status, body, headers, url }: ApiErrorInit): string {
  // A redirect reaches here only for a method that does not follow them (all but GET); a browser's
  // manual redirect is status 0 and hides where it pointed. An unparsable Location is left out.
  if (status === 0 || (status >= 300 && status < 400)) {
    const location = headers.get("location");
    const to = location && publicUrl(location, url);
    const code = status === 0 ? "" : ` (HTTP ${status}${to && ` to ${to}`})`;
    return `was redirected${code} and not sent again: only GET follows redirects`;
  }
  // The server's own words: v2 `{message}`, v1 envelope `{data: {message}}`, or a short piece of text.
  const detail =
    typeof body === "string"
      ? body
      : ((body as WithMessage)?.message ?? (body as WithMessage)?.data?.message);
  if (typeof detail !== "string" || !detail) return `failed with HTTP ${status}`;
  return `failed with HTTP ${status}: ${detail.length > 200 ? `${detail.slice(0, 200)}…` : detail}`;
}

/** The server answered with something other than a success (an error status, or an error envelope). */
export class ApiError extends CallError {
  declare readonly status: number;
  /** Parsed JSON when the body was JSON, otherwise its text. */
  declare readonly body: unknown;
  /** How long the server asked us to wait (`Retry-After`), when it said so. */
  declare readonly retryAfterMs: number | undefined;
  constructor(init: ApiErrorInit) {
    const { status, body, headers, requestId = requestIdOf(headers), message = defaultMessage(init) } = init;
    super(init, message, { status, body, requestId, retryAfterMs: parseRetryAfterMs(headers) });
  }
}

type Class<E extends ApiError> = new (init: ApiErrorInit) => E;

/** The error for an answer: the class of its status in `byStatus`, else `server` for a 5xx, else `base`. */
export const errorTable =
  <E extends ApiError>(base: Class<E>, byStatus: Record<number, Class<E>>, server: Class<E>) =>
  (init: ApiErrorInit, status: number = init.status): E =>
    new (byStatus[status] ?? (status >= 500 ? server : base))(init);

/**
 * A success whose body is not what the API documents: not JSON, `null`, not the JSON object or array
 * the operation returns, no body at all, or (v1) an envelope without its status fields or `data`.
 * Not an ApiError: the server said it succeeded. Never retried.
 */
export class MalformedResponseError extends CallError {
  declare readonly status: number;
  /** The parsed body when it was JSON (undefined when there was none, or it did not parse). */
  declare readonly body: unknown;
  constructor(info: CallInfo, status: number, body: unknown, problem: string, options?: ErrorOptions) {
    super(info, `returned HTTP ${status} ${problem}`, { status, body }, options);
  }
}

/** A response body larger than `maxResponseBytes` (counted as it arrives, after decompression). */
export class ResponseTooLargeError extends CallError {
  declare readonly status: number;
  declare readonly maxResponseBytes: number;
  constructor(info: CallInfo, status: number, maxResponseBytes: number) {
    const message = `answered HTTP ${status} with a body larger than maxResponseBytes (${maxResponseBytes} bytes)`;
    super(info, message, { status, maxResponseBytes });
  }
}

/** An attempt took longer than `timeoutMs` (headers and body together). */
export class RequestTimeoutError extends CallError {
  declare readonly timeoutMs: number;
  constructor(info: CallInfo, timeoutMs: number) {
    super(info, `timed out after ${timeoutMs} ms`, { timeoutMs });
  }
}

/**
 * The connection failed: before a response arrived (refused, reset, DNS, TLS), or while its body
 * was read (cut off, or not decodable as its Content-Encoding says). `cause` holds the platform error.
 */
export class ConnectionError extends CallError {
  /** Whether the failure came before the response or while its body was read. */
  declare readonly stage: "request" | "response";
  constructor(info: CallInfo, cause: unknown, stage: "request" | "response") {
    const reason = reasonOf(cause);
    const when = stage === "request" ? "before a response arrived" : "while its response was read";
    super(info, `failed ${when}${reason ? ` (${reason})` : ""}`, { stage }, { cause });
  }
}

/**
 * Why a platform error failed: the system error code of it or of what it nests (undici puts the system
 * error on `cause`), else the innermost message ("incorrect header check" under "terminated").
 */
export function reasonOf(error: unknown, depth = 0): string | undefined {
  const e = error as { code?: unknown; message?: unknown; cause?: unknown } | null | undefined;
  if (typeof e?.code === "string" && e.code) return e.code;
  const inner = depth < 3 ? reasonOf(e?.cause, depth + 1) : undefined; // four levels at most
  return inner ?? (typeof e?.message === "string" && e.message ? e.message : undefined);
}

/** Each class's `name`: `${prefix}${key}Error` (a minifier renames classes, not keys); set once, on the prototype. */
export function named(prefix: string, classes: Record<string, { prototype: Error }>): void {
  for (const [key, Class] of Object.entries(classes)) Class.prototype.name = `${prefix}${key}Error`;
}

named("", {
  Orgadmin: OrgadminError,
  Api: ApiError,
  MalformedResponse: MalformedResponseError,
  ResponseTooLarge: ResponseTooLargeError,
  RequestTimeout: RequestTimeoutError,
  Connection: ConnectionError,
});
