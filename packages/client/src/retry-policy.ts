/** Longest server-requested wait we honour; above it we give up and surface the response. */
export const MAX_RETRY_AFTER_MS = 60_000;
/** Shortest server-requested wait we honour; a shorter one is waited this long (no bursts of attempts). */
export const MIN_RETRY_AFTER_MS = 100;

/** `Retry-After` in seconds (as the contract sends it) or an HTTP-date (as a proxy may); else undefined. */
export function parseRetryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const value = headers.get("retry-after")?.trim() ?? "";
  if (/^\d+(\.\d+)?$/.test(value)) return +value * 1000;
  // An HTTP-date always names its day and month; this keeps Date.parse from reading "-1" as a year.
  if (!/[a-z]/i.test(value)) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff from 0.5 s doubling to 8 s, less up to 25 % jitter (as openai-node). */
export const backoffMs = (retriesSoFar: number, random: () => number = Math.random): number =>
  Math.min(500 * 2 ** retriesSoFar, 8_000) * (1 - random() * 0.25);

/** An attempt's answer, or, when none came (no connection, a timeout), whether the connection was refused. */
export type Outcome = { status: number; headers: Headers } | { refused: boolean };

/**
 * How long to wait before the next attempt, or undefined to stop. A non-idempotent method is retried
 * only when the server cannot have acted on it: 429, 503 with Retry-After, or a refused connection.
 */
export function retryDelayMs(
  method: string,
  outcome: Outcome,
  retriesSoFar: number,
  maxRetries: number,
  random?: () => number,
): number | undefined {
  if (retriesSoFar >= maxRetries) return undefined;
  const idempotent = method === "GET" || method === "PUT" || method === "DELETE";
  if ("status" in outcome) {
    const { status } = outcome;
    if (status !== 429 && status !== 503 && !((status === 502 || status === 504) && idempotent)) {
      return undefined; // most answers are final: decided before reading any header
    }
    const retryAfter = parseRetryAfterMs(outcome.headers);
    if (retryAfter === undefined ? status === 503 && !idempotent : retryAfter > MAX_RETRY_AFTER_MS) {
      return undefined;
    }
    // "Retry now" (0, or a date already past) would mean back-to-back attempts: back off instead. A
    // wait of a few milliseconds is nearly that: it is stretched to the floor.
    if (retryAfter) return Math.max(retryAfter, MIN_RETRY_AFTER_MS);
  } else if (!idempotent && !outcome.refused) {
    return undefined;
  }
  return backoffMs(retriesSoFar, random);
}
