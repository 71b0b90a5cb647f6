/** Longest server-requested wait we honour; above it we give up and surface the response. */
export const MAX_RETRY_AFTER_MS = 60_000;
/** Shortest server-requested wait we honour; a shorter one is waited this long (no bursts of attempts). */
export const MIN_RETRY_AFTER_MS = 100;
const INITIAL_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;

const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

export function isIdempotent(method: string): boolean {
  return IDEMPOTENT.has(method.toUpperCase());
}

/** `retry-after-ms`, else `Retry-After` as seconds or an HTTP-date; undefined when absent or unreadable. */
export function parseRetryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get("retry-after-ms");
  if (ms !== null && ms.trim() !== "" && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  // An HTTP-date always names its day and month; this keeps Date.parse from reading "-1" as a year.
  const date = /[a-z]/i.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff from 0.5 s doubling to 8 s, less up to 25 % jitter (as openai-node). */
export function backoffMs(retriesSoFar: number, random: () => number = Math.random): number {
  const base = Math.min(INITIAL_DELAY_MS * 2 ** retriesSoFar, MAX_DELAY_MS);
  return base * (1 - random() * 0.25);
}

export type Outcome =
  | { kind: "response"; status: number; headers: Headers }
  | { kind: "timeout" }
  | { kind: "network"; connectionRefused: boolean };

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
  now: () => number = Date.now,
): number | undefined {
  if (retriesSoFar >= maxRetries) return undefined;
  const idempotent = isIdempotent(method);
  if (outcome.kind === "timeout") return idempotent ? backoffMs(retriesSoFar, random) : undefined;
  if (outcome.kind === "network") {
    return idempotent || outcome.connectionRefused ? backoffMs(retriesSoFar, random) : undefined;
  }
  const status = outcome.status;
  // Most answers are final; decide that before reading any header.
  if (status !== 429 && status !== 503 && !((status === 502 || status === 504) && idempotent)) {
    return undefined;
  }
  const retryAfter = parseRetryAfterMs(outcome.headers, now());
  if (retryAfter !== undefined && retryAfter > MAX_RETRY_AFTER_MS) return undefined;
  if (status === 503 && !idempotent && retryAfter === undefined) return undefined;
  // "Retry now" (0, or a date already past) would mean back-to-back attempts; back off instead. A
  // wait of a few milliseconds is nearly that: it is stretched to the floor.
  if (retryAfter === undefined || retryAfter <= 0) return backoffMs(retriesSoFar, random);
  return Math.max(retryAfter, MIN_RETRY_AFTER_MS);
}
