import type { Client } from "openapi-fetch";
import { capped } from "./body-limit.js";
import {
  type ApiError,
  type ApiErrorInit,
  type Attempt,
  ConnectionError,
  infoOf,
  MalformedResponseError,
  OrgadminError,
  RequestTimeoutError,
  reasonOf,
} from "./errors.js";
import type { Logger } from "./logger.js";
import { type Outcome, retryDelayMs } from "./retry-policy.js";
import { deadline } from "./timers.js";

export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

/** A client's options as checked once (see ClientOptions), and what its API brings. */
export interface CallSetup {
  raw: Client<Record<string, never>>;
  /** When absent, `globalThis.fetch` as it is at the time of each attempt. */
  fetch: FetchLike | undefined;
  maxRetries: number;
  timeoutMs: number | undefined;
  maxBytes: number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  log: Partial<Logger>;
  /** The API's error for an answer that is not a success. */
  apiError: (init: ApiErrorInit) => ApiError;
  /** What the caller gets from a success body read as JSON (an object or array); throws what is wrong with it. */
  payload?: (body: object, attempt: Attempt) => unknown;
}

/** The caller's init: openapi-fetch's, passed on as it is; these are the fields the call reads. */
export type CallInit = { signal?: AbortSignal | null; parseAs?: string; fetch?: FetchLike };

/** The signal of a call without one: a wait between attempts then ends only by its timer. */
const NEVER = new AbortController().signal;

/**
 * Every call of the client: openapi-fetch makes each attempt (building the request, running the
 * caller's middleware, parsing the body); this decides what the attempt's outcome is, whether to
 * try again, and what the caller gets: the payload of a success, or one of the client's errors.
 */
export async function call(setup: CallSetup, method: string, url: string, init?: CallInit): Promise<unknown> {
  const caller = init?.signal;
  const { timeoutMs, log } = setup;
  const parseAs = init?.parseAs;
  for (let retries = 0; ; retries++) {
    caller?.throwIfAborted();
    const attempt: Attempt = { method };
    const timer =
      timeoutMs === undefined
        ? undefined
        : deadline(timeoutMs, () => new RequestTimeoutError(infoOf(attempt), timeoutMs));
    const signal = timer ? (caller ? AbortSignal.any([caller, timer.signal]) : timer.signal) : caller;
    const fetch = async (request: Request, ext?: RequestInit): Promise<Response> => {
      attempt.request = request;
      attempt.response = await (init?.fetch ?? setup.fetch ?? globalThis.fetch)(request, ext);
      return capped(attempt.response, setup.maxBytes, attempt);
    };
    let result: { data?: unknown; error?: unknown; response: Response } | undefined;
    let failure: OrgadminError | undefined;
    let outcome: Outcome;
    try {
      // Only keys with a value: openapi-fetch passes every key on to the Request it builds.
      const options: Record<string, unknown> = { ...init, fetch };
      if (signal) options.signal = signal;
      // Only GET follows redirects; for any other method a redirect is the answer (see README, Redirects).
      if (method !== "GET") options.redirect = "manual";
      const pending = setup.raw.request(method as "get", url as never, options as never);
      // A fetch that ignores the signal still cannot outlast the timer.
      result = await (timer ? timer.race(pending) : pending);
      outcome = result.response;
      log.debug?.(answered(attempt, outcome.status));
    } catch (error) {
      if (caller?.aborted) throw caller.reason;
      const { response, request } = attempt;
      if (timer?.signal.aborted) {
        failure = timer.signal.reason as RequestTimeoutError; // what the timer aborted with
        outcome = { refused: false };
      } else if (error instanceof OrgadminError) {
        throw error; // too large: the same answer again on a retry
      } else if (error instanceof SyntaxError && response?.ok) {
        const why = "with a body that is not valid JSON";
        throw new MalformedResponseError(infoOf(attempt), response.status, undefined, why, { cause: error });
      } else if (error instanceof TypeError && request) {
        // The platform's own failure: "fetch failed", a body cut off, an undecodable Content-Encoding.
        failure = new ConnectionError(infoOf(attempt), error, response ? "response" : "request");
        outcome = { refused: reasonOf(error) === "ECONNREFUSED" };
      } else {
        throw error; // an invalid argument, or a middleware's own error, before anything was sent
      }
    } finally {
      // A body handed on unread (parseAs "stream") stays under the timer while the caller reads it.
      if (parseAs !== "stream") timer?.clear();
    }
    const delay = retryDelayMs(method, outcome, retries, setup.maxRetries);
    if (delay === undefined) {
      if (!result) throw failure;
      const { data, error, response } = result;
      const { status, headers } = response;
      if (!response.ok) throw setup.apiError({ ...infoOf(attempt), status, body: error, headers });
      // Text, bytes or a stream are the caller's own to read and judge.
      if (parseAs !== undefined && parseAs !== "json") return data;
      // A body read as JSON must be the JSON object or array the API documents (not null, not absent).
      if (!data || typeof data !== "object") {
        const what =
          data === undefined ? "without the JSON body" : "with a body that is not the JSON object or array";
        throw new MalformedResponseError(infoOf(attempt), status, data, `${what} the API documents`);
      }
      return setup.payload ? setup.payload(data, attempt) : data;
    }
    const what = result ? answered(attempt, result.response.status) : failure?.message;
    log.info?.(`${what}; trying again in ${Math.round(delay)} ms`);
    await setup.sleep(delay, caller ?? NEVER);
  }
}

/** A log line's words for an answer (computed only when that line is written: parsing the URL is not free). */
const answered = (attempt: Attempt, status: number) =>
  `${attempt.method} ${infoOf(attempt).url} answered HTTP ${status}`;
