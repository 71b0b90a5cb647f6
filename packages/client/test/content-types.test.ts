import { getEventListeners } from "node:events";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createEnterpriseClient, MalformedResponseError, RequestTimeoutError } from "../src/index.js";
import { deadline } from "../src/timers.js";
import { API_KEY, rejection } from "./support/leaks.js";
import { startServer, type TestServer } from "./support/server.js";
import { type Deferred, deferred, manualTimers } from "./support/timers.js";

// Back-off waits pass at once; attempt timers are the real ones unless a test takes them over.
vi.mock("../src/timers.js", async (original) => {
  const real = await original<typeof import("../src/timers.js")>();
  return { ...real, sleep: async () => {}, deadline: vi.fn(real.deadline) };
});

let server: TestServer | undefined;
let timers = manualTimers();
beforeEach(() => {
  timers = manualTimers();
});
afterEach(async () => {
  vi.mocked(deadline).mockReset();
  await server?.close();
  server = undefined;
});

/** Attempt timers fired by the test; returns a fetch that says when each response's headers are in. */
function timersFiredByTest() {
  vi.mocked(deadline).mockImplementation(timers.deadline);
  const arrivals: Deferred[] = [];
  const nth = (n: number) => {
    arrivals[n - 1] ??= deferred();
    return arrivals[n - 1] as Deferred;
  };
  let count = 0;
  const fetch = async (input: Request, init?: RequestInit) => {
    const response = await globalThis.fetch(input, init);
    nth(++count).resolve();
    return response;
  };
  // Resolved once the client has taken the response in: after its fetch resolved, and after the
  // promise reactions that follow (they run before the next setImmediate).
  const headersIn = async (n: number) => {
    await nth(n).promise;
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { fetch, headersIn };
}

/** Answer every request with `body` as `type`, in one piece. */
function serve(type: string, body: string) {
  return startServer((_req, res) => {
    res.writeHead(200, { "content-type": type });
    res.end(body);
  });
}

const CSV = "id,email\n1,a@example.com\n";

// With and without a timer running over the attempt.
describe.each([
  ["without a timeout", {}],
  ["with a timeout", { timeoutMs: 5_000 }],
])("success bodies %s", (_path, options) => {
  const client = (url: string) => createEnterpriseClient({ apiKey: API_KEY, baseUrl: url, ...options });

  it.each(["text/csv", "text/plain; charset=utf-8", "application/octet-stream"])(
    "hands a %s body to parseAs: 'text' untouched",
    async (type) => {
      server = await serve(type, CSV);
      expect(await client(server.url).GET("/members", { parseAs: "text" })).toBe(CSV);
    },
  );

  it("does not judge a text body that merely looks like broken JSON", async () => {
    server = await serve("text/plain", "{not json");
    expect(await client(server.url).GET("/members", { parseAs: "text" })).toBe("{not json");
  });

  it("hands a non-JSON body to parseAs: 'stream' as it arrives, not once it is complete", async () => {
    let finish = () => {};
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/csv" });
      res.write("id,email\n");
      finish = () => res.end("1,a@example.com\n");
    });
    const stream = await client(server.url).GET("/members", { parseAs: "stream" });
    if (!stream) throw new Error("expected a body stream");
    const reader = stream.pipeThrough(new TextDecoderStream()).getReader();
    expect((await reader.read()).value).toBe("id,email\n");
    finish();
    let rest = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += chunk.value;
    expect(rest).toBe("1,a@example.com\n");
  });

  it.each(["application/json", "application/json; charset=utf-8", "application/problem+json"])(
    "refuses a %s success that is not JSON with a MalformedResponseError, from the call itself",
    async (type) => {
      server = await serve(type, '{"members": [');
      const error = await rejection(client(server.url).GET("/members"));
      expect(error).toBeInstanceOf(MalformedResponseError);
      expect((error as Error).cause).toBeInstanceOf(SyntaxError);
      // Read as text, it is the caller's text, unjudged.
      expect(await client(server.url).GET("/members", { parseAs: "text" })).toBe('{"members": [');
    },
  );

  it("still parses a JSON success", async () => {
    server = await serve("application/vnd.orgadmin+json", '{"members": []}');
    expect(await client(server.url).GET("/members")).toEqual({ members: [] });
  });
});

describe("bodies read as JSON (the default parseAs)", () => {
  it.each([
    ["without a timeout", {}],
    ["with a timeout", { timeoutMs: 5_000 }],
  ])("are parsed once, also when their length is unknown (%s)", async (_path, options) => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"members": ');
      res.end("[]}"); // chunked: no Content-Length
    });
    const client = createEnterpriseClient({ apiKey: API_KEY, baseUrl: server.url, ...options });
    const parse = vi.spyOn(JSON, "parse");
    try {
      expect(await client.GET("/members")).toEqual({ members: [] });
      const bodyParses = parse.mock.calls.filter(([text]) => text === '{"members": []}');
      expect(bodyParses).toHaveLength(1);
    } finally {
      parse.mockRestore();
    }
  });

  it("must be JSON whatever their Content-Type says", async () => {
    server = await serve("text/html", "<h1>Sign in to the proxy</h1>");
    const client = createEnterpriseClient({ apiKey: API_KEY, baseUrl: server.url });
    const error = await rejection(client.GET("/members"));
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect((error as Error).message).toMatch(
      /^GET http:\/\/127\.0\.0\.1:\d+\/members returned HTTP 200 with a body that is not valid JSON$/,
    );
  });

  it.each([
    ["empty", "", /without the JSON body the API documents$/],
    ["null", "null", /with a body that is not the JSON object or array the API documents$/],
    ["a number", "42", /with a body that is not the JSON object or array the API documents$/],
  ])("is a MalformedResponseError when %s", async (_label, body, message) => {
    server = await serve("application/json", body);
    const client = createEnterpriseClient({ apiKey: API_KEY, baseUrl: server.url });
    const error = await rejection(client.GET("/members"));
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect((error as MalformedResponseError).status).toBe(200);
    expect((error as Error).message).toMatch(message);
  });

  it("reaches the caller's own middleware as one response, still readable", async () => {
    server = await serve("application/json", '{"members": []}');
    const client = createEnterpriseClient({ apiKey: API_KEY, baseUrl: server.url });
    const seen: number[] = [];
    client.use({ onResponse: ({ response }) => void seen.push(response.status) });
    expect(await client.GET("/members")).toEqual({ members: [] });
    expect(seen).toEqual([200]);
  });
});

describe("a streamed success body under a timeout", () => {
  it("is cut off by the timer when it stalls, with a RequestTimeoutError", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/csv" });
      res.write("id,email\n");
    });
    const { fetch, headersIn } = timersFiredByTest();
    const client = createEnterpriseClient({
      apiKey: API_KEY,
      baseUrl: server.url,
      timeoutMs: 80,
      maxRetries: 0,
      fetch,
    });
    const pending = rejection(client.GET("/members", { parseAs: "text" }));
    await headersIn(1); // headers and a first line are in; the rest never comes
    timers.fireAll();
    const error = await pending;
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect((error as Error).message).toMatch(
      /^GET http:\/\/127\.0\.0\.1:\d+\/members timed out after 80 ms$/,
    );
  });

  it("is cut off even when the underlying fetch ignores the signal", async () => {
    const client = createEnterpriseClient({
      apiKey: API_KEY,
      timeoutMs: 40,
      // A body that never ends and a fetch that never looks at the signal.
      fetch: async () =>
        new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode("a,b\n")) }), {
          headers: { "content-type": "text/csv" },
        }),
    });
    expect(await rejection(client.GET("/members", { parseAs: "text" }))).toBeInstanceOf(RequestTimeoutError);
  });

  it("passes the caller's abort through to the body", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/csv" });
      res.write("id,email\n");
    });
    const client = createEnterpriseClient({ apiKey: API_KEY, baseUrl: server.url, timeoutMs: 5_000 });
    const controller = new AbortController();
    const stream = await client.GET("/members", { parseAs: "stream", signal: controller.signal });
    const reader = (stream as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    controller.abort(new Error("stop"));
    expect(((await rejection(reader.read())) as Error).message).toBe("stop");
  });

  it("leaves no listener on a long-lived caller signal, call after call", async () => {
    server = await serve("text/csv", CSV);
    const client = createEnterpriseClient({ apiKey: API_KEY, baseUrl: server.url, timeoutMs: 5_000 });
    const { signal } = new AbortController();
    for (let i = 0; i < 20; i++) {
      expect(await client.GET("/members", { parseAs: "text", signal })).toBe(CSV);
    }
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
  });
});

describe("a fetch whose responses carry no body stream", () => {
  it("is a MalformedResponseError for a success without a body", async () => {
    const client = createEnterpriseClient({
      apiKey: API_KEY,
      fetch: async () => new Response(null, { status: 200, headers: { "content-type": "application/json" } }),
    });
    expect(await rejection(client.GET("/members"))).toBeInstanceOf(MalformedResponseError);
  });
});

/** A Response of another fetch implementation: shaped like one, not the platform's class. */
class ForeignResponse {
  readonly status = 200;
  readonly statusText = "OK";
  readonly ok = true;
  readonly url = "";
  readonly headers = new Headers({ "content-type": "application/json" });
  readonly body: ReadableStream<Uint8Array>;
  bodyUsed = false;
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
    this.body = new Blob([text]).stream();
  }

  async text(): Promise<string> {
    this.bodyUsed = true;
    return this.#text;
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    this.bodyUsed = true;
    return new TextEncoder().encode(this.#text).buffer as ArrayBuffer;
  }
}

describe.each([
  ["without a timeout", {}],
  ["with a timeout", { timeoutMs: 5_000 }],
])("a Response of another fetch implementation (%s)", (_path, options) => {
  const client = (text: string) =>
    createEnterpriseClient({
      apiKey: API_KEY,
      ...options,
      fetch: async () => new ForeignResponse(text) as unknown as Response,
    });

  it("is read as JSON by default", async () => {
    expect(await client('{"members": []}').GET("/members")).toEqual({ members: [] });
  });

  it("is parsed once", async () => {
    const parse = vi.spyOn(JSON, "parse");
    try {
      expect(await client('{"members": []}').GET("/members")).toEqual({ members: [] });
      const bodyParses = parse.mock.calls.filter(([text]) => text === '{"members": []}');
      expect(bodyParses).toHaveLength(1);
    } finally {
      parse.mockRestore();
    }
  });

  it("is read as text with parseAs: 'text'", async () => {
    expect(await client('{"members": []}').GET("/members", { parseAs: "text" })).toBe('{"members": []}');
  });

  it("that is not JSON is a MalformedResponseError when read as JSON", async () => {
    expect(await rejection(client('{"members": [').GET("/members"))).toBeInstanceOf(MalformedResponseError);
  });
});

describe("a success body that stalls under a timeout", () => {
  /** Headers and the first byte of a JSON object, then nothing. */
  const stalling = (type: string | undefined) =>
    startServer((_req, res) => {
      res.writeHead(200, type ? { "content-type": type } : {});
      res.write("{");
    });

  it.for([
    { label: "application/json", type: "application/json", middleware: false },
    { label: "text/plain", type: "text/plain", middleware: false },
    { label: "no Content-Type", type: undefined, middleware: false },
    { label: "text/plain, request replaced by middleware", type: "text/plain", middleware: true },
  ])("is retried when read as JSON, whatever it says it is ($label)", async ({ type, middleware }) => {
    server = await stalling(type);
    const { fetch, headersIn } = timersFiredByTest();
    const client = createEnterpriseClient({
      apiKey: API_KEY,
      baseUrl: server.url,
      timeoutMs: 200,
      maxRetries: 2,
      fetch,
    });
    if (middleware) client.use({ onRequest: ({ request }) => new Request(request) });
    const pending = rejection(client.GET("/members"));
    // Each attempt times out only once its headers are in: what stalls is the body.
    for (let attempt = 1; attempt <= 3; attempt++) {
      await headersIn(attempt);
      timers.fireAll();
    }
    expect(await pending).toBeInstanceOf(RequestTimeoutError);
    expect(server.received).toHaveLength(3);
  });

  it("is still handed on as it arrives to parseAs: 'stream', and cut off by the timer", async () => {
    server = await stalling("text/plain");
    const { fetch } = timersFiredByTest();
    const client = createEnterpriseClient({
      apiKey: API_KEY,
      baseUrl: server.url,
      timeoutMs: 200,
      maxRetries: 2,
      fetch,
    });
    const stream = await client.GET("/members", { parseAs: "stream" });
    if (!stream) throw new Error("expected a body stream");
    const reader = stream.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("{");
    const next = rejection(reader.read());
    timers.fireAll();
    expect(await next).toBeInstanceOf(RequestTimeoutError);
    expect(server.received).toHaveLength(1);
  });
});
