import { type Deadline, sleep as realSleep } from "../../src/timers.js";

/**
 * Attempt timers the test fires itself, on an event it chooses (the server received the request,
 * the headers arrived), so no timeout races the machine's speed. `deadline` stands in for the
 * client's own (src/timers.ts): like a real timer, a pending one holds its `reason` until it fires.
 */
export function manualTimers() {
  const pending = new Set<() => void>();
  let started = 0;
  return {
    deadline: (_ms: number, reason: () => unknown): Deadline => {
      started++;
      const controller = new AbortController();
      let expire: (reason: unknown) => void = () => {};
      const fire = () => {
        const why = reason();
        controller.abort(why);
        expire(why);
      };
      pending.add(fire);
      const race = <T>(settles: Promise<T>) =>
        new Promise<T>((resolve, reject) => {
          expire = reject;
          settles.then(resolve, reject);
        });
      return { signal: controller.signal, race, clear: () => void pending.delete(fire) };
    },
    /** Fire every timer still running. */
    fireAll(): void {
      for (const fire of [...pending]) {
        pending.delete(fire);
        fire();
      }
    },
    /** Timers started so far, fired or not. */
    get started() {
      return started;
    },
  };
}

/**
 * The real sleep, recording what was asked and how each wait ended; `started` resolves with the
 * first wait's length when it begins.
 */
export function observedSleep() {
  const waits: number[] = [];
  const endings: Array<"elapsed" | "aborted"> = [];
  let began: (ms: number) => void = () => {};
  const started = new Promise<number>((resolve) => {
    began = resolve;
  });
  const sleep = (ms: number, signal: AbortSignal) => {
    waits.push(ms);
    began(ms);
    return realSleep(ms, signal).then(
      () => void endings.push("elapsed"),
      (error: unknown) => {
        endings.push("aborted");
        throw error;
      },
    );
  };
  return { sleep, waits, endings, started };
}

export interface Deferred<T = void> {
  promise: Promise<T>;
  resolve: (value: T) => void;
}

/** A promise with its resolve, for "this happened" events. */
export function deferred<T = void>(): Deferred<T> {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
