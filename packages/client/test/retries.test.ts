// Retries, back-off, Retry-After, the POST rule, aborts and timeouts: what a call does between its
// first attempt and its answer, proven through the client against a loopback server.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  type ApiError,
  ConnectionError,
  createEnterpriseClient,
  EnterpriseRateLimitError,
  EnterpriseServerError,
  MalformedResponseError,
  RequestTimeoutError,
} from "../src/index.js";
import { deadline } from "../src/timers.js";
import { API_KEY, rejection } from "./support/leaks.js";
import { closedPort, json, scripted, startServer, type TestServer } from "./support/server.js";
import { deferred, manualTimers, observedSleep } from "./support/timers.js";

vi.mock("../src/timers.js", async (original) => {
  const real = await original<typeof import("../src/timers.js")>();
  return { ...real, deadline: vi.fn(real.deadline) };
});

let server: TestServer | undefined;
beforeEach(() => {
  vi.spyOn(Math, "random").mockReturnValue(0); // no jitter: the waits are exact
});
afterEach(async () => {
  vi.restoreAllMocks();
  vi.mocked(deadline).mockReset();
  await server?.close();
  server = undefined;
});

type Options = Parameters<typeof createEnterpriseClient>[0];

/** A client whose back-off waits are recorded and skipped. */
function recording(url: string | undefined, options: Options = {}) {
  const waits: number[] = [];
  const client = createEnterpriseClient({
    apiKey: API_KEY,
    baseUrl: url,
    maxRetries: 2,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...options,
  });
  return { client, waits };
}

const members = { members: [] };
const org = { name: "工程团队", acu_limit: 1000 };

describe("retries", () => {
  it("retries 429 until success, backing off 0.5 s then 1 s", async () => {
    server = await startServer(scripted([429, { code: "rate_limited" }], [429, {}], [200, members]));
    const { client, waits } = recording(server.url);
    expect(await client.GET("/members")).toEqual(members);
    expect(server.received).toHaveLength(3);
    expect(waits).toEqual([500, 1000]);
  });

  it("gives up after maxRetries and throws the last answer's error", async () => {
    server = await startServer(scripted([503, { code: "unavailable" }]));
    const { client, waits } = recording(server.url, { maxRetries: 3 });
    const error = await rejection(client.GET("/members"));
    expect(error).toBeInstanceOf(EnterpriseServerError);
    expect((error as ApiError).status).toBe(503);
    expect(server.received).toHaveLength(4);
    expect(waits).toEqual([500, 1000, 2000]);
  });

  it("does not retry when maxRetries is 0", async () => {
    server = await startServer(scripted([429, {}]));
    const { client } = recording(server.url, { maxRetries: 0 });
    expect(await rejection(client.GET("/members"))).toBeInstanceOf(EnterpriseRateLimitError);
    expect(server.received).toHaveLength(1);
  });

  it("honours Retry-After in seconds", async () => {
    server = await startServer(scripted([429, {}, { "retry-after": "3" }], [200, members]));
    const { client, waits } = recording(server.url);
    await client.GET("/members");
    expect(waits).toEqual([3000]);
  });

  it("honours Retry-After as an HTTP-date", async () => {
    // The clock is an input: a stall between writing the date and reading it cannot shrink the wait.
    const now = Date.parse("2026-03-01T12:00:00.250Z");
    vi.spyOn(Date, "now").mockReturnValue(now);
    const when = new Date(now + 5000).toUTCString();
    server = await startServer(scripted([503, {}, { "retry-after": when }], [200, members]));
    const { client, waits } = recording(server.url);
    await client.GET("/members");
    expect(waits).toHaveLength(1);
    // The date has one-second resolution, so the wait lands between 3 and 5 s.
    expect(waits[0]).toBeGreaterThan(3000);
    expect(waits[0]).toBeLessThanOrEqual(5000);
  });

  it("backs off instead of retrying at once on Retry-After: 0", async () => {
    server = await startServer(
      scripted([429, {}, { "retry-after": "0" }], [503, {}, { "retry-after": "0.0" }], [200, members]),
    );
    const { client, waits } = recording(server.url);
    expect(await client.GET("/members")).toEqual(members);
    expect(waits).toEqual([500, 1000]);
  });

  it("surfaces a Retry-After above 60 s at once instead of waiting", async () => {
    server = await startServer(scripted([429, {}, { "retry-after": "120" }], [200, members]));
    const { client, waits } = recording(server.url);
    const error = (await rejection(client.GET("/members"))) as ApiError;
    expect(error.status).toBe(429);
    expect(error.retryAfterMs).toBe(120_000);
    expect(server.received).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it("waits for real between attempts", async () => {
    server = await startServer(
      scripted([429, {}, { "retry-after": "0.15" }], [429, {}, { "retry-after": "0.15" }], [200, members]),
    );
    // The real sleep, observed: it is asked for exactly the server's waits, and they really pass.
    const observed = observedSleep();
    const { client } = recording(server.url, { sleep: observed.sleep });
    const started = performance.now();
    await client.GET("/members");
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(observed.waits).toEqual([150, 150]);
    expect(observed.endings).toEqual(["elapsed", "elapsed"]);
    expect(server.received).toHaveLength(3);
  });

  it("retries 502 for GET but not for POST", async () => {
    server = await startServer(scripted([502, {}], [200, members]));
    const { client } = recording(server.url);
    expect(await client.GET("/members")).toEqual(members);
    expect(server.received).toHaveLength(2);
    await server.close();
    server = await startServer(scripted([502, {}], [201, {}]));
    const again = recording(server.url).client;
    expect(((await rejection(again.POST("/organizations", { body: org }))) as ApiError).status).toBe(502);
    expect(server.received).toHaveLength(1);
  });
});

describe("POST is not duplicated", () => {
  it("sends POST once on 503 without Retry-After (the server may have acted)", async () => {
    server = await startServer(scripted([503, {}], [201, {}]));
    const { client } = recording(server.url);
    expect(((await rejection(client.POST("/organizations", { body: org }))) as ApiError).status).toBe(503);
    expect(server.received).toHaveLength(1);
  });

  it("re-sends POST on 429 and on 503 with Retry-After, body intact", async () => {
    server = await startServer(
      scripted([429, {}], [503, {}, { "retry-after": "0" }], [201, { id: "org_1" }]),
    );
    const { client } = recording(server.url);
    expect(await client.POST("/organizations", { body: org })).toEqual({ id: "org_1" });
    expect(server.received.map((r) => r.method)).toEqual(["POST", "POST", "POST"]);
    for (const received of server.received) {
      expect(JSON.parse(received.body)).toEqual(org);
      expect(received.headers["content-type"]).toBe("application/json");
    }
  });

  it("does not re-send POST when the connection drops after sending", async () => {
    server = await startServer((_req, res) => res.socket?.destroy());
    const { client } = recording(server.url);
    const error = await rejection(client.POST("/organizations", { body: org }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(server.received).toHaveLength(1);
  });

  it("re-sends GET when the connection drops", async () => {
    server = await startServer((_req, res, index) =>
      index === 0 ? res.socket?.destroy() : json(res, 200, members),
    );
    const { client } = recording(server.url);
    expect(await client.GET("/members")).toEqual(members);
    expect(server.received).toHaveLength(2);
  });

  it("re-sends POST when the connection was refused, then reports it clearly", async () => {
    const url = await closedPort();
    let calls = 0;
    const { client, waits } = recording(url, {
      fetch: (input, init) => {
        calls++;
        return globalThis.fetch(input, init);
      },
    });
    const error = await rejection(client.POST("/organizations", { body: org }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(
      /POST http:\/\/127\.0\.0\.1:\d+\/organizations failed .*ECONNREFUSED/,
    );
    expect(calls).toBe(3);
    expect(waits).toEqual([500, 1000]);
  });
});

describe("abort and timeout", () => {
  it("stops a pending back-off wait the moment the caller aborts", async () => {
    server = await startServer(scripted([429, {}, { "retry-after": "30" }]));
    const observed = observedSleep();
    const { client } = recording(server.url, { sleep: observed.sleep });
    const controller = new AbortController();
    const pending = rejection(client.GET("/members", { signal: controller.signal }));
    // Abort once the 30 s wait has begun: the wait ends by the abort, not by its timer.
    expect(await observed.started).toBe(30_000);
    controller.abort();
    const error = await pending;
    expect((error as Error).name).toBe("AbortError");
    expect(observed.endings).toEqual(["aborted"]);
    expect(server.received).toHaveLength(1);
  });

  it("passes the caller's abort through while a request is in flight", async () => {
    server = await startServer(() => {}); // never answers
    const { client } = recording(server.url, { timeoutMs: 60_000 });
    const controller = new AbortController();
    const pending = rejection(client.GET("/members", { signal: controller.signal }));
    await server.arrived(1);
    controller.abort();
    const error = await pending;
    expect((error as Error).name).toBe("AbortError");
    expect(server.received).toHaveLength(1);
  });

  it("times out each attempt and says so", async () => {
    server = await startServer(() => {}); // never answers
    const timers = manualTimers();
    vi.mocked(deadline).mockImplementation(timers.deadline);
    const { client } = recording(server.url, { timeoutMs: 40, maxRetries: 0 });
    const pending = rejection(client.GET("/members"));
    await server.arrived(1);
    timers.fireAll();
    const error = await pending;
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect((error as Error).message).toMatch(
      /^GET http:\/\/127\.0\.0\.1:\d+\/members timed out after 40 ms$/,
    );
  });

  it("times out with the real clock when nothing answers", async () => {
    server = await startServer(() => {}); // never answers
    const { client } = recording(server.url, { timeoutMs: 40, maxRetries: 0 });
    expect(await rejection(client.GET("/members"))).toBeInstanceOf(RequestTimeoutError);
  });

  it("retries a timed-out GET but not a timed-out POST", async () => {
    server = await startServer(() => {}); // never answers
    const timers = manualTimers();
    vi.mocked(deadline).mockImplementation(timers.deadline);
    const { client } = recording(server.url, { timeoutMs: 30 });
    // Each attempt times out only once the server has it, so every attempt is seen.
    const fireOnArrival = async (count: number) => {
      for (let n = 1; n <= count; n++) {
        await server?.arrived(n);
        timers.fireAll();
      }
    };
    const get = rejection(client.GET("/members"));
    await fireOnArrival(3);
    expect(await get).toBeInstanceOf(RequestTimeoutError);
    expect(server.received).toHaveLength(3);
    expect(timers.started).toBe(3);
    server.received.length = 0;
    const posted = rejection(client.POST("/organizations", { body: org }));
    await fireOnArrival(1);
    expect(await posted).toBeInstanceOf(RequestTimeoutError);
    expect(server.received).toHaveLength(1);
    expect(timers.started).toBe(4);
  });

  it("counts a body that stalls against the timeout", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"members": [');
    });
    const timers = manualTimers();
    vi.mocked(deadline).mockImplementation(timers.deadline);
    const headers = deferred();
    const { client } = recording(server.url, {
      timeoutMs: 50,
      maxRetries: 0,
      fetch: async (input, init) => {
        const response = await globalThis.fetch(input, init);
        headers.resolve();
        return response;
      },
    });
    const pending = rejection(client.GET("/members"));
    await headers.promise; // the headers are in; only the body is left
    timers.fireAll();
    expect(await pending).toBeInstanceOf(RequestTimeoutError);
  });

  it("lets a slow but timely answer through", async () => {
    // The answer waits until the test has seen the request arrive, then comes well within the timeout.
    const answer = deferred();
    server = await startServer((_req, res) => void answer.promise.then(() => json(res, 200, members)));
    const { client } = recording(server.url, { timeoutMs: 60_000 });
    const pending = client.GET("/members");
    await server.arrived(1);
    answer.resolve();
    expect(await pending).toEqual(members);
  });
});

describe("bodies", () => {
  it.each([
    ["without a timeout", {}],
    ["with a timeout", { timeoutMs: 5_000 }],
  ] as const)(
    "turns a success body that is not JSON into a clear error (%s), without retrying",
    async (_, options) => {
      server = await startServer((_req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end('{"members": [');
      });
      const { client } = recording(server.url, options);
      const error = await rejection(client.GET("/members"));
      expect(error).toBeInstanceOf(MalformedResponseError);
      expect((error as MalformedResponseError).status).toBe(200);
      expect((error as Error).message).toMatch(
        /GET http:\/\/127\.0\.0\.1:\d+\/members returned HTTP 200 with a body that is not valid JSON/,
      );
      expect(server.received).toHaveLength(1);
    },
  );

  it("keeps an error body as it came, JSON or not", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(400, { "content-type": "text/html" });
      res.end("<h1>Bad Request</h1>");
    });
    const { client } = recording(server.url);
    const error = (await rejection(client.GET("/members"))) as ApiError;
    expect(error.status).toBe(400);
    expect(error.body).toBe("<h1>Bad Request</h1>");
  });
});
