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

/**
 * A signal that aborts with `reason()` once `ms` have passed, and `clear` to stop it. The running
 * timer holds `reason` (and what it reaches); it does not keep a Node process alive.
 */
export function timeoutSignal(ms: number, reason: () => unknown): { signal: AbortSignal; clear(): void } {
  const controller = new AbortController();
  const timer: unknown = setTimeout(() => controller.abort(reason()), ms);
  (timer as { unref?: () => void }).unref?.();
  return { signal: controller.signal, clear: () => clearTimeout(timer as number) };
}
