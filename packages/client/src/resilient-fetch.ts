import {
  ConnectionError,
  causeCode,
  MalformedResponseError,
  publicUrl,
  RequestTimeoutError,
  rememberRequest,
} from "./errors.js";
import { type Outcome, retryDelayMs } from "./retry-policy.js";
import { sleep as defaultSleep } from "./sleep.js";

export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

export interface ResilientFetchOptions {
  fetch: FetchLike;
  maxRetries: number;
  /** Per attempt, including reading the body. */
  timeoutMs?: number | undefined;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
}

const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

/**
 * The fetch handed to openapi-fetch. Retries and timeouts live here, not in middleware, because only
 * here can a request be sent again. A request body is buffered once so every attempt sends it
 * intact. With a timeout, each attempt gets its own signal and its response body is read inside the
 * attempt, so the timeout covers it. Without one, a bodiless request goes out as it came and the
 * response is handed on unread: the fast path costs no copy of either.
 */
export function createResilientFetch(options: ResilientFetchOptions): FetchLike {
  const { maxRetries, timeoutMs, random } = options;
  const sleep = options.sleep ?? defaultSleep;

  return async (input, ext) => {
    const method = input.method;
    const caller = input.signal;
    const body = input.body === null ? undefined : await input.arrayBuffer();

    for (let retries = 0; ; retries++) {
      caller.throwIfAborted();
      let response: Response | undefined;
      let failure: Error | undefined;
      let outcome: Outcome;
      let timedOut = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let forward: (() => void) | undefined;
      try {
        let sent = input;
        if (timeoutMs !== undefined) {
          // One controller per attempt, aborted by the caller or the timer; the listener is dropped
          // after the attempt, so a long-lived caller signal does not collect one per request.
          const attempt = new AbortController();
          forward = () => attempt.abort(caller.reason);
          caller.addEventListener("abort", forward, { once: true });
          timer = setTimeout(() => {
            timedOut = true;
            attempt.abort();
          }, timeoutMs);
          sent = new Request(input, { body, signal: attempt.signal });
        } else if (body !== undefined) {
          sent = new Request(input, { body });
        }
        const received = await options.fetch(sent, ext);
        response =
          timeoutMs === undefined
            ? checkedLater(received, method, input.url)
            : await readWhole(received, method, input.url);
        outcome = { kind: "response", status: response.status, headers: response.headers };
      } catch (error) {
        if (caller.aborted) throw caller.reason;
        if (error instanceof MalformedResponseError) throw error;
        const url = publicUrl(input.url);
        if (timedOut) {
          failure = new RequestTimeoutError(method, url, timeoutMs ?? 0);
          outcome = { kind: "timeout" };
        } else {
          failure = new ConnectionError(method, url, error);
          outcome = { kind: "network", connectionRefused: causeCode(error) === "ECONNREFUSED" };
        }
      } finally {
        clearTimeout(timer);
        if (forward) caller.removeEventListener("abort", forward);
      }

      const delay = retryDelayMs(method, outcome, retries, maxRetries, random);
      if (delay === undefined) {
        if (response) return response;
        throw failure;
      }
      // The body of a response we retry past is never read; release its connection.
      if (response && !response.bodyUsed) void response.body?.cancel().catch(() => {});
      await sleep(delay, caller);
    }
  };
}

function malformed(status: number, text: string, headers: Headers, method: string, url: string) {
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

const readText = Response.prototype.text;

/**
 * The response as it came, with its body reads made to fail clearly: every success body the
 * contract promises is JSON, and a broken one must be a MalformedResponseError, not a SyntaxError.
 * openapi-fetch reads a success body with `json()`, or `text()` then `JSON.parse` when the length is
 * unknown; both are guarded on this one response, and `json()` still parses only once.
 */
function checkedLater(response: Response, method: string, url: string): Response {
  rememberRequest(response, { method, url });
  if (!response.ok) return response;
  const parse = (text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      throw malformed(response.status, text, response.headers, method, url);
    }
  };
  Object.defineProperties(response, {
    json: { value: async () => parse(await readText.call(response)) },
    text: {
      value: async () => {
        const text = await readText.call(response);
        if (text) parse(text);
        return text;
      },
    },
  });
  return response;
}

/** Read the body now (inside the attempt, under its timeout) and check that a success body is JSON. */
async function readWhole(response: Response, method: string, url: string): Promise<Response> {
  const { status, statusText, headers } = response;
  const bytes = NULL_BODY_STATUS.has(status) ? null : await response.arrayBuffer();
  if (response.ok && bytes && bytes.byteLength > 0) {
    const text = new TextDecoder().decode(bytes);
    try {
      JSON.parse(text);
    } catch {
      throw malformed(status, text, headers, method, url);
    }
  }
  const whole = new Response(bytes, { status, statusText, headers });
  rememberRequest(whole, { method, url });
  return whole;
}
