// Limits that keep a hostile or broken server from hurting the caller: the size of a body, the
// length of a timer, the shortest wait between attempts.
import { gzipSync } from "node:zlib";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import {
  createEnterpriseClient,
  DEFAULT_MAX_RESPONSE_BYTES,
  OrgadminError,
  ResponseTooLargeError,
} from "../src/index.js";
import { MIN_RETRY_AFTER_MS } from "../src/retry-policy.js";
import { API_KEY, rejection, thrown } from "./support/leaks.js";
import { scripted, startServer, type TestServer } from "./support/server.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

// 20 MiB of a JSON string once inflated, about 20 kB on the wire: more than the default limit.
const bomb = gzipSync(
  Buffer.concat([Buffer.from('{"members": "'), Buffer.alloc(20 * 1024 * 1024, 0x61), Buffer.from('"}')]),
);
afterAll(() => {
  expect(bomb.length).toBeLessThan(100_000);
});

const WAYS = [
  ["without a timeout", {}],
  ["with a timeout", { timeoutMs: 60_000 }],
] as const;

describe.each(WAYS)("maxResponseBytes (%s)", (_label, options) => {
  it.each(["json", "text", "arrayBuffer"] as const)(
    "stops a gzip bomb at the default limit, read as %s, without retrying",
    async (parseAs) => {
      server = await startServer((_req, res) => {
        res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
        res.end(bomb);
      });
      const client = createEnterpriseClient({ apiKey: API_KEY, baseUrl: server.url, ...options });
      const error = await rejection(client.GET("/members", { parseAs }));
      expect(error).toBeInstanceOf(ResponseTooLargeError);
      expect(error).toBeInstanceOf(OrgadminError);
      expect((error as Error).message).toMatch(
        new RegExp(
          `^GET http://127\\.0\\.0\\.1:\\d+/members answered HTTP 200 with a body larger than maxResponseBytes \\(${DEFAULT_MAX_RESPONSE_BYTES} bytes\\)$`,
        ),
      );
      expect(server.received).toHaveLength(1);
    },
  );

  it.each([
    ["a Content-Length above it", (res: import("node:http").ServerResponse) => res.end("x".repeat(2048))],
    [
      "no length and more bytes than it",
      (res: import("node:http").ServerResponse) => {
        res.write("x".repeat(1000));
        res.end("x".repeat(1000));
      },
    ],
  ])("refuses a body with %s", async (_what, answer) => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      answer(res);
    });
    const client = createEnterpriseClient({
      apiKey: API_KEY,
      baseUrl: server.url,
      maxResponseBytes: 1024,
      ...options,
    });
    for (const parseAs of ["json", "text"] as const) {
      const error = await rejection(client.GET("/members", { parseAs }));
      expect(error).toBeInstanceOf(ResponseTooLargeError);
      expect((error as ResponseTooLargeError).maxResponseBytes).toBe(1024);
    }
  });

  it("reads a body at the limit", async () => {
    const body = JSON.stringify({ members: [] });
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write(body.slice(0, 5)); // chunked: counted, not judged by its length
      res.end(body.slice(5));
    });
    const client = createEnterpriseClient({
      apiKey: API_KEY,
      baseUrl: server.url,
      maxResponseBytes: body.length,
      ...options,
    });
    expect(await client.GET("/members")).toEqual({ members: [] });
  });
});

describe("options", () => {
  it("refuses a timeoutMs longer than a timer can run (it would fire at once)", () => {
    const error = thrown(() => createEnterpriseClient({ apiKey: API_KEY, timeoutMs: 2 ** 31 }));
    expect(error).toBeInstanceOf(RangeError);
    expect((error as Error).message).toBe("timeoutMs must be an integer from 0 to 2147483647");
    expect(() => createEnterpriseClient({ apiKey: API_KEY, timeoutMs: 2 ** 31 - 1 })).not.toThrow();
  });

  it("refuses a maxResponseBytes that is not a non-negative integer", () => {
    for (const maxResponseBytes of [-1, 1.5, Number.NaN]) {
      const error = thrown(() => createEnterpriseClient({ apiKey: API_KEY, maxResponseBytes }));
      expect(error).toBeInstanceOf(RangeError);
      expect((error as Error).message).toBe(
        `maxResponseBytes must be an integer from 0 to ${Number.MAX_SAFE_INTEGER}`,
      );
    }
  });
});

describe("a tiny Retry-After", () => {
  it.each(["0.001", "0.05"])("Retry-After: %s is waited at least the floor", async (seconds) => {
    server = await startServer(
      scripted([429, {}, { "retry-after": seconds }], [429, {}, { "retry-after": seconds }], [200, {}]),
    );
    const waits: number[] = [];
    const client = createEnterpriseClient({
      apiKey: API_KEY,
      baseUrl: server.url,
      maxRetries: 2,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    expect(await client.GET("/members")).toEqual({});
    expect(waits).toEqual([MIN_RETRY_AFTER_MS, MIN_RETRY_AFTER_MS]);
    expect(MIN_RETRY_AFTER_MS).toBe(100);
  });
});
