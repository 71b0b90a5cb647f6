// A token bucket per API key: `capacity` requests at once, refilled at `refillPerSecond`.

export interface RateLimitOptions {
  capacity: number;
  refillPerSecond: number;
}

export interface RateLimiter {
  /** 0 when the request may go ahead, else the whole seconds to wait (for `Retry-After`). */
  take(key: string): number;
}

export function createRateLimiter(options: RateLimitOptions, now: () => number = Date.now): RateLimiter {
  if (!(options.capacity >= 1) || !(options.refillPerSecond > 0)) {
    throw new RangeError("rate limit needs capacity >= 1 and refillPerSecond > 0");
  }
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const t = now();
      const bucket = buckets.get(key) ?? { tokens: options.capacity, at: t };
      bucket.tokens = Math.min(
        options.capacity,
        bucket.tokens + ((t - bucket.at) / 1000) * options.refillPerSecond,
      );
      bucket.at = t;
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / options.refillPerSecond));
    },
  };
}
