// undici follows a Request's signal through a weak reference (undici #4068): if the Request built for
// an attempt is collected mid-call, neither the timer nor the caller's abort reaches the socket any
// more, and the call hangs. Each test collects garbage while the request is in flight (vitest runs
// this suite with --expose-gc), then fires the timer or aborts.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createEnterpriseClient, RequestTimeoutError } from "../src/index.js";
import { deadline } from "../src/timers.js";
import { API_KEY, rejection } from "./support/leaks.js";
import { startServer, type TestServer } from "./support/server.js";
import { deferred, manualTimers } from "./support/timers.js";

vi.mock("../src/timers.js", async (original) => {
  const real = await original<typeof import("../src/timers.js")>();
  return { ...real, deadline: vi.fn(real.deadline) };
});

const collect = (globalThis as { gc?: () => void }).gc;

let server: TestServer | undefined;
let timers = manualTimers();
beforeEach(() => {
  timers = manualTimers();
  vi.mocked(deadline).mockImplementation(timers.deadline);
});
afterEach(async () => {
  vi.mocked(deadline).mockReset();
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

/** A client whose fetch says when each response's headers are in. */
function client(url: string, options: { timeoutMs?: number } = {}) {
  const headers = deferred();
  const enterprise = createEnterpriseClient({
    apiKey: API_KEY,
    baseUrl: url,
    maxRetries: 0,
    ...options,
    fetch: async (input, init) => {
      const response = await globalThis.fetch(input, init);
      headers.resolve();
      return response;
    },
  });
  return { enterprise, headersIn: headers.promise };
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
    const { enterprise } = client(server.url, { timeoutMs: 300 });
    const pending = rejection(enterprise.GET("/members"));
    await server.arrived(1);
    await collectGarbage();
    timers.fireAll();
    expect(await pending).toBeInstanceOf(RequestTimeoutError);
  });

  it("the timeout still ends a JSON body that stalls after the headers", async () => {
    server = await stalledBody("application/json");
    const { enterprise, headersIn } = client(server.url, { timeoutMs: 300 });
    const pending = rejection(enterprise.GET("/members"));
    await headersIn;
    await collectGarbage();
    timers.fireAll();
    expect(await pending).toBeInstanceOf(RequestTimeoutError);
  });

  it("the timeout still ends a streamed body that stalls", async () => {
    server = await stalledBody("text/csv");
    const { enterprise } = client(server.url, { timeoutMs: 300 });
    const stream = await enterprise.GET("/members", { parseAs: "stream" });
    const reader = (stream as ReadableStream<Uint8Array>).getReader();
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
    const { enterprise } = client(server.url, options);
    const controller = new AbortController();
    const pending = rejection(
      enterprise.POST("/organizations", { body: { name: "a", acu_limit: 1 }, signal: controller.signal }),
    );
    await server.arrived(1);
    await collectGarbage();
    controller.abort();
    expect(((await pending) as Error).name).toBe("AbortError");
  });
});
