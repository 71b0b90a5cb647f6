import { parseRetryAfterMs } from "./retry-policy.js";

/** A URL safe to show: no user info, no fragment. Credentials never travel in our URLs; this keeps it so. */
export function publicUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = "";
    u.password = "";
    u.hash = "";
    return u.href;
  } catch {
    return "";
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** The server's own words: v2 `{message}`, v1 envelope `{data: {message}}`, or a short piece of text. */
function detailOf(body: unknown): string {
  if (typeof body === "string") return body.length > 200 ? `${body.slice(0, 200)}…` : body;
  if (!isRecord(body)) return "";
  if (typeof body.message === "string") return body.message;
  return isRecord(body.data) && typeof body.data.message === "string" ? body.data.message : "";
}

/** What every error of a call can say about it: the request (its URL without credentials), and the answer's id. */
export interface CallInfo {
  method: string;
  url: string;
  /** `X-Request-Id` (or `Request-Id`) of the answer, when one came with it. */
  requestId?: string | undefined;
}

export function requestIdOf(headers: Headers | undefined): string | undefined {
  return headers?.get("x-request-id") ?? headers?.get("request-id") ?? undefined;
}

/**
 * The base of every error a call of the client throws, so one `instanceof` catches them all. (Invalid
 * options and arguments are a TypeError or RangeError, thrown before anything is sent; the caller's
 * own abort rejects with its signal's reason, as `fetch` does.)
 */
export class OrgadminError extends Error {
  override name = "OrgadminError";
}

/** An error of one call: what was called, and the request id of the answer, when there was one. */
abstract class CallError extends OrgadminError {
  readonly method: string;
  readonly url: string;
  readonly requestId: string | undefined;
  constructor(info: CallInfo, message: string, options?: ErrorOptions) {
    super(`${info.method} ${info.url} ${message}`, options);
    this.method = info.method;
    this.url = info.url;
    this.requestId = info.requestId;
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

function defaultMessage({ status, body, headers, url }: ApiErrorInit): string {
  // A redirect reaches here only for a method that does not follow them (all but GET and HEAD); a
  // browser's manual redirect is status 0 and hides where it pointed.
  if (status === 0 || (status >= 300 && status < 400)) {
    const location = headers.get("location");
    const to = location ? ` to ${publicUrl(new URL(location, url || undefined).href)}` : "";
    const code = status === 0 ? "" : ` (HTTP ${status}${to})`;
    return `was redirected${code}; the client follows redirects only for GET and HEAD, so this request was neither followed nor sent again`;
  }
  const detail = detailOf(body);
  return `failed with HTTP ${status}${detail ? `: ${detail}` : ""}`;
}

/** The server answered with something other than a success (an error status, or an error envelope). */
export class ApiError extends CallError {
  override name = "ApiError";
  readonly status: number;
  /** Parsed JSON when the body was JSON, otherwise its text. */
  readonly body: unknown;
  /** How long the server asked us to wait (`Retry-After`), when it said so. */
  readonly retryAfterMs: number | undefined;

  constructor(init: ApiErrorInit) {
    super(
      { ...init, requestId: init.requestId ?? requestIdOf(init.headers) },
      init.message ?? defaultMessage(init),
    );
    this.status = init.status;
    this.body = init.body;
    this.retryAfterMs = parseRetryAfterMs(init.headers);
  }
}

type ApiErrorClass<E extends ApiError> = new (init: ApiErrorInit) => E;

/**
 * The error for an answer of one API: the class its status has in `byStatus`, else the API's server
 * error class for a 5xx, else the API's own class. Adding a status is one entry in `byStatus`.
 */
export function errorTable<E extends ApiError>(
  base: ApiErrorClass<E>,
  byStatus: Record<number, ApiErrorClass<E>>,
  server: ApiErrorClass<E>,
): (init: ApiErrorInit, status?: number) => E {
  return (init, status = init.status) => {
    const Class = byStatus[status] ?? (status >= 500 ? server : base);
    return new Class(init);
  };
}

/**
 * A success whose body is not what the API documents: not JSON, `null`, not the JSON object or array
 * the operation returns, no body at all, or (v1) an envelope without its status fields or `data`.
 * Not an ApiError: the server said it succeeded. Never retried.
 */
export class MalformedResponseError extends CallError {
  override name = "MalformedResponseError";
  constructor(
    info: CallInfo,
    readonly status: number,
    /** The parsed body when it was JSON (undefined when there was none, or it did not parse). */
    readonly body: unknown,
    problem: string,
    options?: ErrorOptions,
  ) {
    super(info, `returned HTTP ${status} ${problem}`, options);
  }
}

/** A response body larger than `maxResponseBytes` (counted as it arrives, after decompression). */
export class ResponseTooLargeError extends CallError {
  override name = "ResponseTooLargeError";
  constructor(
    info: CallInfo,
    readonly status: number,
    readonly maxResponseBytes: number,
  ) {
    super(
      info,
      `answered HTTP ${status} with a body larger than maxResponseBytes (${maxResponseBytes} bytes); it was not read further`,
    );
  }
}

/** An attempt took longer than `timeoutMs` (headers and body together). */
export class RequestTimeoutError extends CallError {
  override name = "RequestTimeoutError";
  constructor(
    info: CallInfo,
    readonly timeoutMs: number,
  ) {
    super(info, `timed out after ${timeoutMs} ms`);
  }
}

/**
 * The connection failed: before a response arrived (refused, reset, DNS, TLS), or while its body
 * was read (cut off, or not decodable as its Content-Encoding says). `cause` holds the platform error.
 */
export class ConnectionError extends CallError {
  override name = "ConnectionError";
  constructor(
    info: CallInfo,
    cause: unknown,
    /** Whether the failure came before the response or while its body was read. */
    readonly stage: "request" | "response",
  ) {
    const reason = causeCode(cause) ?? causeField(cause, "message", true);
    const when = stage === "request" ? "before a response arrived" : "while its response was read";
    super(info, `failed ${when}${reason ? ` (${reason})` : ""}`, { cause });
  }
}

/**
 * `key` of a platform error or of what it nests (undici puts the system error on `cause`): the first
 * found, or the innermost ("incorrect header check" under "terminated").
 */
function causeField(error: unknown, key: "code" | "message", innermost = false): string | undefined {
  let found: string | undefined;
  for (let e = error, depth = 0; isRecord(e) && depth < 4; e = e.cause, depth++) {
    if (typeof e[key] === "string" && e[key]) {
      found = e[key];
      if (!innermost) break;
    }
  }
  return found;
}

/** The system error code behind a failed fetch, if any. */
export const causeCode = (error: unknown): string | undefined => causeField(error, "code");
