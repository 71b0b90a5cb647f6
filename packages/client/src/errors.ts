import type { ApiName } from "./generated/apis.js";
import type { components as Enterprise } from "./generated/enterprise.js";
import type { components as Organizations } from "./generated/organizations.js";
import { parseRetryAfterMs } from "./retry-policy.js";

/** What was sent (the raw URL), remembered per response so errors can name it without keeping the request. */
export interface SentRequest {
  method: string;
  url: string;
}

const sent = new WeakMap<Response, SentRequest>();

export function rememberRequest(response: Response, request: SentRequest): void {
  sent.set(response, request);
}

/** The method and a URL safe to show, computed only when an error needs them. */
export function sentRequestOf(response: Response): SentRequest {
  const request = sent.get(response);
  return { method: request?.method ?? "", url: publicUrl(request?.url ?? response.url) };
}

/** A URL safe to show: no user info, no fragment. Credentials never travel in our URLs; this keeps it so. */
export function publicUrl(url: string): string {
  if (!url) return "";
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** The server's own words: v2 `{message}`, v1 envelope `{data: {message}}`, or a short piece of text. */
export function detailOf(body: unknown): string {
  if (isRecord(body)) {
    if (typeof body.message === "string") return body.message;
    if (isRecord(body.data) && typeof body.data.message === "string") return body.data.message;
    return "";
  }
  if (typeof body === "string") return body.length > 200 ? `${body.slice(0, 200)}…` : body;
  return "";
}

export interface ApiErrorInit {
  status: number;
  body: unknown;
  headers: Headers;
  method: string;
  url: string;
  message?: string;
}

/**
 * A redirect reaches here only for a method that does not follow them (all but GET and HEAD); a
 * browser's manual redirect is status 0 and hides where it pointed.
 */
function defaultMessage({ method, url, status, body, headers }: ApiErrorInit): string {
  if (status === 0 || (status >= 300 && status < 400)) {
    const location = headers.get("location");
    const to = location ? ` to ${publicUrl(new URL(location, url || undefined).href)}` : "";
    const code = status === 0 ? "" : ` (HTTP ${status}${to})`;
    return `${method} ${url} was redirected${code}; the client follows redirects only for GET and HEAD, so this request was neither followed nor sent again`;
  }
  const detail = detailOf(body);
  return `${method} ${url} failed with HTTP ${status}${detail ? `: ${detail}` : ""}`;
}

/**
 * The base of every error a call of the client throws, so one `instanceof` catches them all. (Invalid
 * options and arguments are a TypeError or RangeError, thrown before anything is sent; the caller's
 * own abort rejects with its signal's reason, as `fetch` does.)
 */
export class OrgadminError extends Error {
  override name = "OrgadminError";
}

/** An HTTP response that was not a success, or a success that could not be read. */
export class ApiError extends OrgadminError {
  override name = "ApiError";
  readonly status: number;
  /** Parsed JSON when the body was JSON, otherwise its text. */
  readonly body: unknown;
  readonly requestId: string | undefined;
  readonly method: string;
  readonly url: string;
  /** How long the server asked us to wait (`Retry-After`), when it said so. */
  readonly retryAfterMs: number | undefined;
  /** Organizations API v1: the envelope's `status_code`. */
  readonly statusCode: number | undefined;
  /** Organizations API v1: the envelope's `status_message`, e.g. `NOT_FOUND`. */
  readonly statusMessage: string | undefined;

  constructor(init: ApiErrorInit) {
    super(init.message ?? defaultMessage(init));
    this.status = init.status;
    this.body = init.body;
    this.method = init.method;
    this.url = init.url;
    this.requestId = init.headers.get("x-request-id") ?? init.headers.get("request-id") ?? undefined;
    this.retryAfterMs = parseRetryAfterMs(init.headers);
    const envelope = isRecord(init.body) ? init.body : {};
    this.statusCode = typeof envelope.status_code === "number" ? envelope.status_code : undefined;
    this.statusMessage = typeof envelope.status_message === "string" ? envelope.status_message : undefined;
  }

  static fromResponse(response: Response, body: unknown): ApiError {
    const { method, url } = sentRequestOf(response);
    return apiErrorFor(response, { status: response.status, body, headers: response.headers, method, url });
  }
}

/** The API whose client received each response, so its errors get that API's class. */
export type { ApiName };

const apiOf = new WeakMap<Response, ApiName>();

export function rememberApi(response: Response, api: ApiName): void {
  apiOf.set(response, api);
}

/** An ApiError of the class of the API that answered. */
export function apiErrorFor(response: Response, init: ApiErrorInit): ApiError {
  const api = apiOf.get(response);
  if (api === "enterprise") return new EnterpriseApiError(init);
  if (api === "organizations") return new OrganizationsApiError(init);
  return new ApiError(init);
}

type EnterpriseErrorBody = Enterprise["schemas"]["Error"];

/** An ApiError from the Enterprise admin API v2, whose error bodies are `{code, message}`. */
export class EnterpriseApiError extends ApiError {
  /** The body's `code` (switch on it: `"rate_limited"`, `"not_found"`, …); undefined when the body is not `{code}`. */
  readonly code: EnterpriseErrorBody["code"] | undefined;

  constructor(init: ApiErrorInit) {
    super(init);
    const body = init.body;
    this.code =
      isRecord(body) && typeof body.code === "string"
        ? (body.code as EnterpriseErrorBody["code"])
        : undefined;
  }
}

type ErrorEnvelope = Organizations["schemas"]["ErrorEnvelope"];

/** An ApiError from the Organizations API v1, whose every body is a `{status_code, status_message, data}` envelope. */
export class OrganizationsApiError extends ApiError {
  /** The envelope's `status_message` (`"NOT_FOUND"`, …; another string if a server sends one). */
  declare readonly statusMessage: NonNullable<ErrorEnvelope["status_message"]> | (string & {}) | undefined;
  /** The body when it is an envelope (with `status_code` and `status_message`), else undefined. */
  readonly envelope: ErrorEnvelope | undefined;

  constructor(init: ApiErrorInit) {
    super(init);
    const body = init.body;
    this.envelope =
      isRecord(body) && typeof body.status_code === "number" && typeof body.status_message === "string"
        ? (body as ErrorEnvelope)
        : undefined;
  }
}

/** A success status whose body is not the JSON it claims to be. */
export class MalformedResponseError extends ApiError {
  override name = "MalformedResponseError";
}

/** The error for a success body that was to be JSON and is not. */
export function notJson(
  status: number,
  text: string,
  headers: Headers,
  method: string,
  url: string,
): MalformedResponseError {
  const shown = publicUrl(url);
  return new MalformedResponseError({
    status,
    body: text,
    headers,
    method,
    url: shown,
    message: `${method} ${shown} returned HTTP ${status} with a body that is not valid JSON`,
  });
}

/** A response body larger than `maxResponseBytes` (counted as it arrives, after decompression). */
export class ResponseTooLargeError extends OrgadminError {
  override name = "ResponseTooLargeError";
  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number,
    readonly maxResponseBytes: number,
  ) {
    super(
      `${method} ${url} answered HTTP ${status} with a body larger than maxResponseBytes (${maxResponseBytes} bytes); it was not read further`,
    );
  }
}

/** An attempt took longer than `timeoutMs`. */
export class RequestTimeoutError extends OrgadminError {
  override name = "RequestTimeoutError";
  constructor(
    readonly method: string,
    readonly url: string,
    readonly timeoutMs: number,
  ) {
    super(`${method} ${url} timed out after ${timeoutMs} ms`);
  }
}

/**
 * The connection failed: before a response arrived (refused, reset, DNS, TLS), or while its body
 * was read (cut off, or not decodable as its Content-Encoding says). `cause` holds the platform error.
 */
export class ConnectionError extends OrgadminError {
  override name = "ConnectionError";
  constructor(
    readonly method: string,
    readonly url: string,
    cause: unknown,
    /** Whether the failure came before the response or while its body was read. */
    readonly stage: "request" | "response" = "request",
  ) {
    const reason = causeCode(cause) ?? causeMessage(cause);
    const when = stage === "request" ? "before a response arrived" : "while its response was read";
    super(`${method} ${url} failed ${when}${reason ? ` (${reason})` : ""}`, { cause });
  }
}

/** The innermost message of a platform error ("incorrect header check", "terminated"). */
function causeMessage(error: unknown): string | undefined {
  let message: string | undefined;
  for (let e: unknown = error, depth = 0; isRecord(e) && depth < 4; e = e.cause, depth++) {
    if (typeof e.message === "string" && e.message) message = e.message;
  }
  return message;
}

/** The system error code behind a failed fetch (undici puts it on `cause`), if any. */
export function causeCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; isRecord(e) && depth < 4; e = e.cause, depth++) {
    if (typeof e.code === "string") return e.code;
  }
  return undefined;
}
