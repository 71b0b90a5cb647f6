import type { Client } from "openapi-fetch";
import { capped } from "./body-limit.js";
import {
  type ApiError,
  type ApiErrorInit,
  type CallInfo,
  ConnectionError,
  causeCode,
  MalformedResponseError,
  OrgadminError,
  publicUrl,
  RequestTimeoutError,
  requestIdOf,
} from "./errors.js";
import type { Logger } from "./logger.js";
import { type Outcome, retryDelayMs } from "./retry-policy.js";
import { timeoutSignal } from "./timers.js";

export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

export interface CallSetup {
  fetch: FetchLike;
  maxRetries: number;
  /** Per attempt, headers and body together. */
  timeoutMs: number | undefined;
  maxBytes: number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  log: Partial<Logger>;
  /** The API's error for an answer that is not a success. */
  apiError: (init: ApiErrorInit) => ApiError;
  /** What the caller gets from a success body read as JSON; throws what is wrong with it. */
  payload: (body: unknown, answer: Answer) => unknown;
}

/** A success answer, for `payload` to name in its errors (`info` is computed only for one). */
export type Answer = { info: () => CallInfo; status: number; headers: Headers };

export type CallInit = {
  signal?: AbortSignal | null;
  parseAs?: string;
  fetch?: FetchLike;
  [option: string]: unknown;
};

type Result = { data?: unknown; error?: unknown; response: Response };

/**
 * One attempt's state, handed explicitly to what needs it. It holds the Request openapi-fetch built
 * with the attempt's signal: undici follows that signal through a weak reference (undici #4068), so
 * the Request must stay reachable until the attempt is over, or an abort (the caller's or the
 * timer's) stops reaching the socket. The attempt is read after its call returns, and a running
 * timer's reason reaches it, so it is.
 */
type Attempt = { method: string; request?: Request; response?: Response; timedOut: boolean };

const infoOf = ({ method, request, response }: Attempt): CallInfo => ({
  method,
  url: publicUrl(request?.url ?? response?.url ?? ""),
  requestId: requestIdOf(response?.headers),
});

/** The signal of a call without one: a wait between attempts then ends only by its timer. */
const NEVER = new AbortController().signal;

/** Only these follow redirects; for any other method a redirect is the answer (see README, Redirects). */
const FOLLOWS_REDIRECTS = new Set(["GET", "HEAD"]);

/**
 * Every call of the client: openapi-fetch makes each attempt (building the request, running the
 * caller's middleware, parsing the body); this decides what the attempt's outcome is, whether to
 * try again, and what the caller gets: the payload of a success, or one of the client's errors.
 */
export async function call(
  raw: Client<Record<string, never>>,
  method: string,
  url: string,
  init: CallInit | undefined,
  setup: CallSetup,
): Promise<unknown> {
  const caller = init?.signal ?? undefined;
  const { timeoutMs, log } = setup;
  const redirect = FOLLOWS_REDIRECTS.has(method) ? undefined : "manual";
  for (let retries = 0; ; retries++) {
    caller?.throwIfAborted();
    const attempt: Attempt = { method, timedOut: false };
    const timer =
      timeoutMs === undefined
        ? undefined
        : timeoutSignal(timeoutMs, () => {
            attempt.timedOut = true;
            return new RequestTimeoutError(infoOf(attempt), timeoutMs);
          });
    const signal = timer ? (caller ? AbortSignal.any([caller, timer.signal]) : timer.signal) : caller;
    const fetch = async (request: Request, ext?: RequestInit): Promise<Response> => {
      attempt.request = request;
      attempt.response = await (init?.fetch ?? setup.fetch)(request, ext);
      return capped(attempt.response, setup.maxBytes, () => infoOf(attempt));
    };
    let result: Result | undefined;
    let failure: Error | undefined;
    let outcome: Outcome;
    try {
      const options = { ...init, fetch, signal, ...(redirect && { redirect }) };
      const pending = raw.request(method as "get", url as never, options as never);
      // A fetch that ignores the signal still cannot outlast the timer.
      result = await (timer ? untilAborted(pending, timer.signal) : pending);
      const { status, headers } = result.response;
      log.debug?.(`${method} ${infoOf(attempt).url} answered HTTP ${status}`);
      outcome = { kind: "response", status, headers };
    } catch (error) {
      if (caller?.aborted) throw caller.reason;
      ({ error: failure, outcome } = retryable(error, attempt, timeoutMs));
    } finally {
      // A body handed on unread (parseAs "stream") stays under the timer while the caller reads it.
      if (init?.parseAs !== "stream") timer?.clear();
    }
    const delay = retryDelayMs(method, outcome, retries, setup.maxRetries);
    if (delay === undefined) {
      if (!result) throw failure;
      return settle(result, attempt, init?.parseAs, setup);
    }
    const why = outcome.kind === "response" ? `HTTP ${outcome.status}` : outcome.kind;
    log.info?.(`${method} ${infoOf(attempt).url}: trying again in ${Math.round(delay)} ms (${why})`);
    await setup.sleep(delay, caller ?? NEVER);
  }
}

/** A failed attempt as one of the client's errors and an outcome to retry by; throws what is final. */
function retryable(error: unknown, attempt: Attempt, timeoutMs = 0): { error: Error; outcome: Outcome } {
  const { response, request } = attempt;
  if (attempt.timedOut) {
    return { error: new RequestTimeoutError(infoOf(attempt), timeoutMs), outcome: { kind: "timeout" } };
  }
  if (error instanceof OrgadminError) throw error; // too large: the same answer again on a retry
  if (error instanceof SyntaxError && response?.ok) {
    throw new MalformedResponseError(
      infoOf(attempt),
      response.status,
      undefined,
      "with a body that is not valid JSON",
      {
        cause: error,
      },
    );
  }
  // An invalid argument, or a middleware's own error, before anything was sent: as it is.
  if (!(error instanceof TypeError && request)) throw error;
  // The platform's own failure: "fetch failed", a body cut off, an undecodable Content-Encoding.
  const connectionRefused = causeCode(error) === "ECONNREFUSED";
  const stage = response ? "response" : "request";
  return {
    error: new ConnectionError(infoOf(attempt), error, stage),
    outcome: { kind: "network", connectionRefused },
  };
}

/** The caller's payload, or the API's error for an answer that is not a success. */
function settle(
  { data, error, response }: Result,
  attempt: Attempt,
  parseAs: unknown,
  setup: CallSetup,
): unknown {
  const { status, headers, ok } = response;
  if (!ok) throw setup.apiError({ ...infoOf(attempt), status, body: error, headers });
  // Text, bytes or a stream are the caller's own to read and judge.
  if (parseAs !== undefined && parseAs !== "json") return data;
  return setup.payload(data, { info: () => infoOf(attempt), status, headers });
}

/** A body read as JSON must be the JSON object or array the API documents (not null, not absent). */
export function documentedJson(body: unknown, { info, status }: Answer): object {
  if (typeof body === "object" && body !== null) return body;
  const what =
    body === undefined ? "without the JSON body" : "with a body that is not the JSON object or array";
  throw new MalformedResponseError(info(), status, body, `${what} the API documents`);
}

/** `pending`, or a rejection with the signal's reason once it aborts, whichever comes first. */
function untilAborted<T>(pending: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    pending.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
