// undici follows a Request's signal through a weak reference (undici #4068): if the Request the
// client builds for an attempt is collected mid-call, neither the timer nor the caller's abort
// reaches the socket any more, and the call hangs. Each test collects garbage while the request is
// in flight (vitest runs this suite with --expose-gc), then fires the timer or aborts.
import { afterEach, describe, expect, it } from "vitest";
import { RequestTimeoutError } from "../src/errors.js";
import { createResilientFetch, type ResilientFetchOptions } from "../src/resilient-fetch.js";
import { rejection } from "./support/leaks.js";
import { startServer, type TestServer } from "./support/server.js";
import { manualTimers } from "./support/timers.js";

const collect = (globalThis as { gc?: () => void }).gc;

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Collect garbage twice (finalizers run in between), as a busy process would at some point. */
async function collectGarbage(): Promise<void> {
  if (!collect) throw new Error("run with --expose-gc (vitest.config.ts sets it)");
  collect();
  await new Promise((resolve) => setImmediate(resolve));
  collect();
}

function resilient(options: Partial<ResilientFetchOptions>) {
  return createResilientFetch({
    fetch: (input, init) => globalThis.fetch(input, init),
    maxRetries: 0,
    sleep: async () => {},
    ...options,
  });
}

/** Headers, then the first byte of the body, then nothing. */
const stalledBody = (type: string) =>
  startServer((_req, res) => {
    res.writeHead(200, { "content-type": type });
    res.write("{");
  });

// A failure here is a hang: the generous ceiling only bounds how long a broken build takes to fail.
describe("after a garbage collection mid-request", { timeout: 60_000 }, () => {
  it("the timeout still ends a request that gets no answer", async () => {
    server = await startServer(() => {});
    const timers = manualTimers();
    const fetch = resilient({ timeoutMs: 300, startTimer: timers.startTimer });
    const pending = rejection(fetch(new Request(`${server.url}/members`)));
    await server.arrived(1);
    await collectGarbage();
    timers.fireAll();
    expect(await pending).toBeInstanceOf(RequestTimeoutError);
  });

  it("the timeout still ends a JSON body that stalls after the headers", async () => {
    server = await stalledBody("application/json");
    const timers = manualTimers();
    let headersIn = () => {};
    const arrived = new Promise<void>((resolve) => {
      headersIn = resolve;
    });
    const fetch = resilient({
      timeoutMs: 300,
      startTimer: timers.startTimer,
      fetch: async (input, init) => {
        const response = await globalThis.fetch(input, init);
        headersIn();
        return response;
      },
    });
    const pending = rejection(fetch(new Request(`${server.url}/members`)));
    await arrived;
    await collectGarbage();
    timers.fireAll();
    expect(await pending).toBeInstanceOf(RequestTimeoutError);
  });

  it("the timeout still ends a streamed body that stalls", async () => {
    server = await stalledBody("text/csv");
    const timers = manualTimers();
    const fetch = resilient({ timeoutMs: 300, startTimer: timers.startTimer });
    const response = await fetch(new Request(`${server.url}/export`));
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    await collectGarbage();
    const next = rejection(reader.read());
    timers.fireAll();
    expect(await next).toBeInstanceOf(RequestTimeoutError);
  });

  it.each([
    ["with a timeout", { timeoutMs: 60_000 }],
    ["without a timeout", {}],
  ])("the caller's abort still ends a POST in flight (%s)", async (_label, options) => {
    server = await startServer(() => {});
    const fetch = resilient(options);
    const controller = new AbortController();
    const request = new Request(`${server.url}/organizations`, {
      method: "POST",
      body: '{"name":"a"}',
      signal: controller.signal,
    });
    const pending = rejection(fetch(request));
    await server.arrived(1);
    await collectGarbage();
    controller.abort();
    expect(((await pending) as Error).name).toBe("AbortError");
  });
});
