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
 * here can a request be sent again. The request body is buffered once so every attempt sends it
 * intact; each response body is read inside its attempt, so the timeout covers it and a broken
 * JSON success becomes a clear error rather than a bare SyntaxError.
 */
export function createResilientFetch(options: ResilientFetchOptions): FetchLike {
  const { maxRetries, timeoutMs, random } = options;
  const sleep = options.sleep ?? defaultSleep;

  return async (input, ext) => {
    const method = input.method;
    const url = publicUrl(input.url);
    const caller = input.signal;
    const body = input.body === null ? undefined : await input.arrayBuffer();

    for (let retries = 0; ; retries++) {
      caller.throwIfAborted();
      // One controller per attempt, aborted by the caller or the timer; the listener is dropped after
      // the attempt, so a long-lived caller signal does not collect one per request.
      const attempt = new AbortController();
      const forward = () => attempt.abort(caller.reason);
      caller.addEventListener("abort", forward, { once: true });
      let timedOut = false;
      const timer =
        timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              timedOut = true;
              attempt.abort();
            }, timeoutMs);
      let response: Response | undefined;
      let failure: Error | undefined;
      let outcome: Outcome;
      try {
        const sent = new Request(input, { body, signal: attempt.signal });
        response = await readWhole(await options.fetch(sent, ext), method, url);
        outcome = { kind: "response", status: response.status, headers: response.headers };
      } catch (error) {
        if (caller.aborted) throw caller.reason;
        if (error instanceof MalformedResponseError) throw error;
        if (timedOut) {
          failure = new RequestTimeoutError(method, url, timeoutMs ?? 0);
          outcome = { kind: "timeout" };
        } else {
          failure = new ConnectionError(method, url, error);
          outcome = { kind: "network", connectionRefused: causeCode(error) === "ECONNREFUSED" };
        }
      } finally {
        clearTimeout(timer);
        caller.removeEventListener("abort", forward);
      }

      const delay = retryDelayMs(method, outcome, retries, maxRetries, random);
      if (delay === undefined) {
        if (response) return response;
        throw failure;
      }
      await sleep(delay, caller);
    }
  };
}

/** Read the body now (inside the attempt) and check that a success body is JSON, as every operation promises. */
async function readWhole(response: Response, method: string, url: string): Promise<Response> {
  const { status, statusText, headers } = response;
  const bytes = NULL_BODY_STATUS.has(status) ? null : await response.arrayBuffer();
  if (response.ok && bytes && bytes.byteLength > 0) {
    const text = new TextDecoder().decode(bytes);
    try {
      JSON.parse(text);
    } catch {
      throw new MalformedResponseError({
        status,
        body: text,
        headers,
        method,
        url,
        message: `${method} ${url} returned HTTP ${status} with a body that is not valid JSON`,
      });
    }
  }
  const whole = new Response(bytes, { status, statusText, headers });
  rememberRequest(whole, { method, url });
  return whole;
}
