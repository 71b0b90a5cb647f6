import { inspect } from "node:util";

/** The key every test uses; it must never show up in anything the client produces. */
export const API_KEY = "sk_live_9f3Kq2ZxLEAKCANARY";

const produced: unknown[] = [];

/** Record an error the client produced, so the suite can check it for the key. */
export function record<T>(error: T): T {
  produced.push(error);
  return error;
}

export function producedErrors(): readonly unknown[] {
  return produced;
}

/** Everything an error could show: message, stack, fields, causes, as the console would print it. */
export function everythingIn(error: unknown): string {
  return `${inspect(error, { depth: 8, showHidden: true })}\n${JSON.stringify(error, Object.getOwnPropertyNames(error ?? {}))}`;
}

/** Await a promise that must reject, and record what it rejected with. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return record(error);
  }
  throw new Error("expected the promise to reject");
}

/** Call a function that must throw, and record what it threw. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return record(error);
  }
  throw new Error("expected the call to throw");
}
