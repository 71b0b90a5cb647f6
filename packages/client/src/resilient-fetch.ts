import { type BodyLimit, capped, DEFAULT_MAX_RESPONSE_BYTES, readBytes } from "./body-limit.js";
import {
  ConnectionError,
  causeCode,
  MalformedResponseError,
  publicUrl,
  RequestTimeoutError,
  ResponseTooLargeError,
  rememberRequest,
} from "./errors.js";
import { declaresJson } from "./json-type.js";
import { type Outcome, retryDelayMs } from "./retry-policy.js";
import { sleep as defaultSleep, startTimer as defaultStartTimer } from "./timers.js";

export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

export interface ResilientFetchOptions {
  fetch: FetchLike;
  maxRetries: number;
  /** Per attempt, including reading the body. */
  timeoutMs?: number | undefined;
  /** The largest body read; default `DEFAULT_MAX_RESPONSE_BYTES`. */
  maxResponseBytes?: number | undefined;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Starts an attempt's timeout; returns its cancel. */
  startTimer?: (ms: number, fire: () => void) => () => void;
  random?: () => number;
  /** The clock a `Retry-After` date is read against; `Date.now` when omitted. */
  now?: () => number;
}

/**
 * A fetch with retries and timeouts. `readsJson` says the success body will be read as JSON,
 * whatever its Content-Type: with a timeout it is then read whole inside the attempt (so a stalled
 * one is retried), never handed on as a stream.
 */
export type ResilientFetch = (input: Request, init?: RequestInit, readsJson?: boolean) => Promise<Response>;

const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

/**
 * Only these follow redirects. For any other method a redirect is handed back as the answer it is
 * (`redirect: "manual"`): following a 301/302/303 would turn it into a GET and return that GET's
 * body as its result, a 307/308 would send it again to a place the caller did not choose, and a hop
 * that fails after the server acted would look like a request that never arrived (and be re-sent).
 */
const FOLLOWS_REDIRECTS = new Set(["GET", "HEAD"]);

/**
 * The fetch handed to openapi-fetch. Retries and timeouts live here, not in middleware, because only
 * here can a request be sent again. A request body is buffered once so every attempt sends it
 * intact. With a timeout, each attempt gets its own signal and the timer runs until its response
 * body is read: an error body, or a success body that is read as JSON (`readsJson`) or says it is
 * JSON, is read inside the attempt; any other success body (read as text, blob, buffer or stream) is
 * handed on as a stream that stays under the timer. Without one, a bodiless request goes out as it
 * came and the response is handed on unread: the fast path costs no copy of either. Either way no
 * body is read past `maxResponseBytes` (a body read as JSON without a timeout is limited where the
 * client reads it).
 */
export function createResilientFetch(options: ResilientFetchOptions): ResilientFetch {
  const { maxRetries, timeoutMs, random, now } = options;
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const sleep = options.sleep ?? defaultSleep;
  const startTimer = options.startTimer ?? defaultStartTimer;

  return async (input, ext, readsJson = false) => {
    const method = input.method;
    const caller = input.signal;
    const body = input.body === null ? undefined : await input.arrayBuffer();
    const redirect = FOLLOWS_REDIRECTS.has(method) ? input.redirect : "manual";
    const limit: BodyLimit = { maxBytes, method, url: input.url };

    for (let retries = 0; ; retries++) {
      caller.throwIfAborted();
      let response: Response | undefined;
      let failure: Error | undefined;
      let outcome: Outcome;
      let timedOut = false;
      let headersIn = false; // a failure after this is one of reading the body
      let release: (() => void) | undefined;
      try {
        if (timeoutMs === undefined) {
          const sent =
            body === undefined && redirect === input.redirect
              ? input
              : new Request(input, { body, redirect });
          const received = await options.fetch(sent, ext);
          // A success read as JSON is read, within the limit, by the client's one JSON reader.
          response = readsJson && received.ok ? received : capped(received, limit);
          answered.set(response, sent); // a use after the await: `sent` is live until the answer
          rememberRequest(response, { method, url: input.url });
        } else {
          // One controller per attempt, aborted by the caller or the timer; the listener is dropped
          // when the attempt is over, so a long-lived caller signal does not collect one per request.
          const attempt = new AbortController();
          const forward = () => attempt.abort(caller.reason);
          caller.addEventListener("abort", forward, { once: true });
          const cancelTimer = startTimer(timeoutMs, () => {
            timedOut = true;
            attempt.abort();
          });
          // A bodiless request that keeps its redirect mode gets the attempt's signal through `init`
          // (fetch builds its own Request from it anyway, so a copy here would be a second one);
          // any other is copied with its buffered body, its redirect mode and the signal.
          const asIs = body === undefined && redirect === input.redirect;
          const sent = asIs ? input : new Request(input, { body, redirect, signal: attempt.signal });
          release = () => {
            cancelTimer();
            caller.removeEventListener("abort", forward);
            hold(sent); // until the attempt is over, body included
          };
          const received = await (asIs
            ? // A fetch that reads the Request and drops `init` still cannot outlast the attempt.
              unlessAborted(options.fetch(input, { ...ext, signal: attempt.signal }), attempt.signal)
            : options.fetch(sent, ext));
          headersIn = true;
          if (received.ok && received.body !== null && !readsJson && !declaresJson(received.headers)) {
            const reason = () =>
              timedOut ? new RequestTimeoutError(method, publicUrl(input.url), timeoutMs) : caller.reason;
            response = underTimer(capped(received, limit), attempt.signal, reason, release);
            release = undefined; // the body's end releases the timer now
            rememberRequest(response, { method, url: input.url });
          } else {
            response = await readWhole(received, limit);
          }
        }
        outcome = { kind: "response", status: response.status, headers: response.headers };
      } catch (error) {
        if (caller.aborted) throw caller.reason;
        // Answers that will not change on a retry.
        if (error instanceof MalformedResponseError || error instanceof ResponseTooLargeError) throw error;
        const url = publicUrl(input.url);
        if (timedOut) {
          failure = new RequestTimeoutError(method, url, timeoutMs ?? 0);
          outcome = { kind: "timeout" };
        } else {
          failure = new ConnectionError(method, url, error, headersIn ? "response" : "request");
          outcome = { kind: "network", connectionRefused: causeCode(error) === "ECONNREFUSED" };
        }
      } finally {
        release?.();
      }

      const delay = retryDelayMs(method, outcome, retries, maxRetries, random, now);
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

/**
 * undici follows a Request's signal through a weak reference (undici #4068): once the Request we
 * built is collected, an abort (the caller's or the timer's) no longer reaches the socket. So each
 * one stays reachable until its call ends: kept here by the response it got while that is read, or
 * by the attempt's `release`, which calls `hold` on it.
 */
const answered = new WeakMap<Response, Request>();
function hold(_request: Request): void {}

/**
 * `pending`, or a rejection with the signal's reason once it aborts, whichever comes first; a
 * response that arrives after the abort has its body cancelled.
 */
function unlessAborted(pending: Promise<Response>, signal: AbortSignal): Promise<Response> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    pending.then(
      (response) => {
        signal.removeEventListener("abort", onAbort);
        if (signal.aborted) void response.body?.cancel().catch(() => {});
        resolve(response);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/** Read the body now, inside the attempt and under its timeout, within the size limit. */
async function readWhole(response: Response, limit: BodyLimit): Promise<Response> {
  const { status, statusText, headers } = response;
  const bytes = NULL_BODY_STATUS.has(status) ? null : await readBytes(response, limit);
  const whole = new Response(bytes as Uint8Array<ArrayBuffer> | null, { status, statusText, headers });
  rememberRequest(whole, { method: limit.method, url: limit.url });
  return whole;
}

/**
 * The response with its body passed through as it arrives, still under the attempt's timer: the
 * timer and the caller's signal are released once the body is read to its end, fails or is
 * cancelled. If the attempt is aborted first, the body fails with `reason()` (a RequestTimeoutError
 * for the timer), whether or not the underlying fetch honours the signal.
 */
function underTimer(response: Response, signal: AbortSignal, reason: () => unknown, release: () => void) {
  const source = (response.body as ReadableStream<Uint8Array>).getReader();
  let settled = false;
  const settle = () => {
    if (settled) return false;
    settled = true;
    signal.removeEventListener("abort", onAbort);
    release();
    return true;
  };
  let onAbort = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      onAbort = () => {
        if (!settle()) return;
        controller.error(reason());
        source.cancel().catch(() => {});
      };
      signal.addEventListener("abort", onAbort, { once: true });
    },
    async pull(controller) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await source.read();
      } catch (error) {
        if (settle()) controller.error(signal.aborted ? reason() : error);
        return;
      }
      if (settled) return;
      if (chunk.done) {
        settle();
        controller.close();
      } else {
        controller.enqueue(chunk.value);
      }
    },
    cancel(why) {
      settle();
      return source.cancel(why);
    },
  });
  const { status, statusText, headers } = response;
  return new Response(body, { status, statusText, headers });
}
