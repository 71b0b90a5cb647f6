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

export type Deadline = { signal: AbortSignal; expired: Promise<never>; clear(): void };

/**
 * One attempt's time limit, `ms` from now: `signal` aborts and `expired` rejects (a race then needs
 * no listener on the signal) with `reason()`; `clear` stops it. It keeps no Node process alive.
 */
export function deadline(ms: number, reason: () => unknown): Deadline {
  const controller = new AbortController();
  let timer: unknown;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(reason());
      reject(controller.signal.reason);
    }, ms);
  });
  (timer as { unref?: () => void }).unref?.();
  return { signal: controller.signal, expired, clear: () => clearTimeout(timer as number) };
}
