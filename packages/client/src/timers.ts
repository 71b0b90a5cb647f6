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

export type Deadline = { signal: AbortSignal; race<T>(pending: Promise<T>): Promise<T>; clear(): void };

/**
 * One attempt's time limit, `ms` from now: `signal` aborts with `reason()`, and so does what `race`
 * returns (`pending` settling first wins; no listener on the signal); `clear` stops it. It keeps no
 * Node process alive.
 */
export function deadline(ms: number, reason: () => unknown): Deadline {
  const controller = new AbortController();
  let expire = (_reason: unknown) => {};
  const timer: unknown = setTimeout(() => {
    controller.abort(reason());
    expire(controller.signal.reason);
  }, ms);
  (timer as { unref?: () => void }).unref?.();
  return {
    signal: controller.signal,
    race: (pending) =>
      new Promise((resolve, reject) => {
        expire = reject;
        pending.then(resolve, reject);
      }),
    clear: () => clearTimeout(timer as number),
  };
}
