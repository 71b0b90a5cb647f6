// Whatever a call meets, it fails with one of the client's documented errors, all OrgadminErrors:
// never a bare TypeError from the platform, never `undefined` where the API documents a body.
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import {
  ApiError,
  ConnectionError,
  createEnterpriseClient,
  MalformedResponseError,
  OrgadminError,
  RequestTimeoutError,
} from "../src/index.js";
import { API_KEY, rejection } from "./support/leaks.js";
import { startServer, type TestServer } from "./support/server.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const client = (url: string, options = {}) =>
  createEnterpriseClient({ apiKey: API_KEY, baseUrl: url, maxRetries: 0, ...options });

const WAYS = [
  ["without a timeout", {}],
  ["with a timeout", { timeoutMs: 60_000 }],
] as const;

describe.each(WAYS)("a body that breaks after the headers (%s)", (_label, options) => {
  it.each(["json", "text"] as const)(
    "is a ConnectionError when the connection resets (parseAs %s)",
    async (parseAs) => {
      server = await startServer((_req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.write('{"members": [');
        setImmediate(() => res.socket?.destroy());
      });
      const error = await rejection(client(server.url, options).GET("/members", { parseAs }));
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error).toBeInstanceOf(OrgadminError);
      expect((error as Error).message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/members failed /);
    },
  );

  /** Answers `bytes` as a gzip-encoded JSON body. */
  const gzipped = (bytes: Buffer) =>
    startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      res.end(bytes);
    });

  it("is a ConnectionError when it says gzip and is not", async () => {
    server = await gzipped(Buffer.from('{"members": []}'));
    const error = await rejection(client(server.url, options).GET("/members"));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).message).toMatch(/failed while its response was read/);
    expect((error as ConnectionError).stage).toBe("response");
  });

  it("is a MalformedResponseError when its gzip is cut short and what inflates is not JSON", async () => {
    const whole = gzipSync('{"members": [{"email": "a@example.com"}]}');
    server = await gzipped(Buffer.concat([whole.subarray(0, whole.length - 12), Buffer.from("garbage")]));
    const error = await rejection(client(server.url, options).GET("/members"));
    expect(error).toBeInstanceOf(MalformedResponseError);
  });
});

describe("a success without the JSON body the API documents", () => {
  it.each([
    ["an empty 200", 200, ""],
    ["a 204", 204, undefined],
  ])("is a MalformedResponseError from the call: %s", async (_label, status, body) => {
    server = await startServer((_req, res) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(body);
    });
    const error = await rejection(client(server.url).GET("/members"));
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^GET http://127\\.0\\.0\\.1:\\d+/members returned HTTP ${status} without the JSON body the API documents$`,
      ),
    );
  });
});

describe("the error hierarchy", () => {
  it("has one base class for every error a call throws", () => {
    for (const type of [ApiError, MalformedResponseError, RequestTimeoutError, ConnectionError]) {
      expect(type.prototype).toBeInstanceOf(OrgadminError);
      expect(type.prototype).toBeInstanceOf(Error);
    }
  });
});
