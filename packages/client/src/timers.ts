// The client's only two uses of the clock, in one module so tests can drive both by events.

/** Wait `ms`, or reject with the signal's reason the moment it aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    signal.throwIfAborted();
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** One attempt's time limit: see `deadline`. */
export interface Deadline {
  /** Aborts with the reason once the time is up. */
  signal: AbortSignal;
  /** Rejects with the same reason at the same moment (for a race: no listener on the signal needed). */
  expired: Promise<never>;
  clear(): void;
}

/**
 * A deadline `ms` from now whose reason is `reason()`, and `clear` to stop it. The running timer holds
 * `reason` (and what it reaches); it does not keep a Node process alive.
 */
export function deadline(ms: number, reason: () => unknown): Deadline {
  const controller = new AbortController();
  let expire: (reason: unknown) => void = () => {};
  const expired = new Promise<never>((_, reject) => {
    expire = reject;
  });
  const timer: unknown = setTimeout(() => {
    const why = reason();
    controller.abort(why);
    expire(why);
  }, ms);
  (timer as { unref?: () => void }).unref?.();
  return { signal: controller.signal, expired, clear: () => clearTimeout(timer as number) };
}
