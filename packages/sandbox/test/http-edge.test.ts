// Answers given at the HTTP layer, before any operation is found: requests Node cannot parse,
// methods no operation has, HEAD, a body that never finishes, a client that hangs up. Each gets
// the contract's error shape where an answer can be sent at all.
import { once } from "node:events";
import { connect } from "node:net";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startSandbox } from "../src/server.js";
import { expectDocumented } from "./support/responses.js";
import { json, KEYS, raw, useSandbox } from "./support/sandbox.js";

const sandbox = useSandbox();

interface Exchange {
  /** Everything the server sent. */
  all: string;
  status: number;
  headers: Record<string, string>;
  text: string;
}

/** Writes `request` as bytes and reads everything until the server closes the connection. */
async function exchange(base: string, request: string | Buffer): Promise<Exchange> {
  const { hostname, port } = new URL(base);
  const socket = connect(Number(port), hostname);
  const chunks: Buffer[] = [];
  socket.on("data", (c: Buffer) => chunks.push(c));
  const closed = once(socket, "close");
  socket.write(request);
  await closed;
  const all = Buffer.concat(chunks).toString("latin1");
  const split = all.indexOf("\r\n\r\n");
  const [statusLine = "", ...lines] = all.slice(0, split).split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const at = line.indexOf(":");
    headers[line.slice(0, at).toLowerCase()] = line.slice(at + 1).trim();
  }
  return { all, status: Number(statusLine.split(" ")[1]), headers, text: all.slice(split + 4) };
}

/** Every answer in `text`, in order (each has a Content-Length). */
function answers(text: string): Array<{ status: number; body: unknown }> {
  const out: Array<{ status: number; body: unknown }> = [];
  let rest = text;
  while (rest.length > 0) {
    const split = rest.indexOf("\r\n\r\n");
    const head = rest.slice(0, split);
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    const body = rest.slice(split + 4, split + 4 + length);
    out.push({ status: Number(head.split(" ")[1]), body: body ? JSON.parse(body) : undefined });
    rest = rest.slice(split + 4 + length);
  }
  return out;
}

const createRequest = (name: string) => {
  const body = JSON.stringify({ name });
  return (
    `POST /v1/organizations HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${KEYS.owner}\r\n` +
    `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
};

const v1Shape = (status: number) => ({
  status_code: status,
  status_message: expect.stringMatching(/^[A-Z_]+$/),
  data: { message: expect.any(String) },
});
const v2Shape = { code: expect.any(String), message: expect.any(String) };

describe("answers at the HTTP layer", () => {
  it.each([
    ["/v1/organizations", v1Shape(431)],
    ["/v2/enterprise/members", v2Shape],
  ])("a 64 KB URL under %s gets 431 in that API's error shape", async (path, shape) => {
    const res = await exchange(
      sandbox().url,
      `GET ${path}?q=${"a".repeat(64 * 1024)} HTTP/1.1\r\nHost: localhost\r\n\r\n`,
    );
    expect(res.status).toBe(431);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(JSON.parse(res.text)).toEqual(shape);
  });

  it("a 64 KB header gets 431 in the error shape of the path it was sent to, readable by the page", async () => {
    const res = await exchange(
      sandbox().url,
      "GET /v2/enterprise/members HTTP/1.1\r\nHost: localhost\r\nOrigin: http://localhost:5173\r\n" +
        `X-Big: ${"b".repeat(64 * 1024)}\r\n\r\n`,
    );
    expect(res.status).toBe(431);
    expect(JSON.parse(res.text)).toEqual(v2Shape);
    // CORS on every answer, this one written by the HTTP layer included.
    expect(res.headers["access-control-allow-origin"]).toBe("http://localhost:5173");
    expect(res.headers["access-control-expose-headers"]).toMatch(/X-Request-Id/);
  });

  it.each([
    ["a NUL in the request target", "GET /v1/organizations\0x HTTP/1.1\r\nHost: localhost\r\n\r\n"],
    ["a space in the request target", "GET /v1/organ izations HTTP/1.1\r\nHost: localhost\r\n\r\n"],
    ["an unknown method", "FROBNICATE /v1/organizations HTTP/1.1\r\nHost: localhost\r\n\r\n"],
    ["a request line that is not HTTP", "hello\r\n\r\n"],
  ])("%s gets 400 in the contract's error shape", async (_, request) => {
    const res = await exchange(sandbox().url, request);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toEqual(v1Shape(400));
  });

  it("CONNECT gets an answer in the contract's error shape, not a dropped connection", async () => {
    const res = await exchange(
      sandbox().url,
      "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n",
    );
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toEqual(v1Shape(400));
  });

  it.each([
    ["organizations", "listOrganizations", "/v1/organizations", KEYS.owner],
    ["enterprise", "listMembers", "/v2/enterprise/members", KEYS.enterpriseAdmin],
  ] as const)("HEAD on %s %s answers as GET, without a body", async (api, operationId, path, key) => {
    const get = await raw(sandbox().url, "GET", path, { key });
    expectDocumented(api, operationId, 200, get.body);
    const head = await exchange(
      sandbox().url,
      `HEAD ${path} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${key}\r\nConnection: close\r\n\r\n`,
    );
    expect(head.status).toBe(200);
    expect(head.headers["content-type"]).toBe(get.headers["content-type"]);
    expect(head.headers["content-length"]).toBe(get.headers["content-length"]);
    expect(head.text).toBe("");
  });

  it("HEAD answers the GET's error too, without a body", async () => {
    const head = await exchange(
      sandbox().url,
      "HEAD /v1/organizations HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
    );
    expect(head.status).toBe(401);
    expect(head.text).toBe("");
  });
});

describe("requests read completely before bad bytes on the same connection", () => {
  it.each([
    ["garbage", "\x00\x01 not http at all\r\n\r\n", 400],
    [
      "oversized headers",
      `GET /v1/organizations HTTP/1.1\r\nHost: localhost\r\nX-Big: ${"b".repeat(64 * 1024)}\r\n\r\n`,
      431,
    ],
  ])(
    "each get their own answer, in order, before the %s gets its error and the connection closes",
    async (_, bad, status) => {
      const names = [`Pipelined ${status} one`, `Pipelined ${status} two`];
      const res = await exchange(sandbox().url, names.map(createRequest).join("") + bad);
      const replies = answers(res.all);
      expect(replies.map((r) => r.status)).toEqual([200, 200, status]);
      expect(replies.slice(0, 2).map((r) => (r.body as { data: { name: string } }).data.name)).toEqual(names);
      // Both were made, and the client learnt of each.
      const list = await json(sandbox().url, "GET", "/v1/organizations?page_size=100", KEYS.owner);
      const listed = (list.body as { data: { organizations: Array<{ name: string }> } }).data.organizations;
      expect(listed.map((o) => o.name)).toEqual(expect.arrayContaining(names));
    },
  );
});

describe("slow and vanishing clients", () => {
  let logged: string[] = [];
  let lineLogged: () => void = () => {};
  beforeEach(() => {
    logged = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
      logged.push(args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a))).join(" "));
      lineLogged();
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("a body that stops arriving is answered 408 in the contract's shape once the request timeout passes", async () => {
    // The timeout is the subject here, so this sandbox's is short; the test waits for the close.
    const strict = await startSandbox({ requestTimeoutMs: 1000 });
    try {
      const res = await exchange(
        strict.url,
        `PUT /v1/organizations/org_abc123 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${KEYS.owner}\r\n` +
          'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"desc',
      );
      expect(res.status).toBe(408);
      expect(JSON.parse(res.text)).toEqual(v1Shape(408));
      // Nothing changed: the request never finished.
      const org = await json(strict.url, "GET", "/v1/organizations/org_abc123", KEYS.owner);
      expect((org.body as { data: { description: string } }).data.description).toBe("Acme (seeded)");
    } finally {
      await strict.close();
    }
  });

  it("a client that never reads and sends a byte at a time after its 408 is still cut off", async () => {
    // The request timeout is short so the 408 comes soon; the connection must then close however
    // the client behaves. The client never reads and keeps the line busy with a byte every 50 ms.
    const strict = await startSandbox({ requestTimeoutMs: 500 });
    const { port } = new URL(strict.url);
    const socket = connect(Number(port), "127.0.0.1");
    socket.pause();
    socket.on("error", () => {}); // a write after the server closed may be reset: that is the point
    const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    let open = true;
    void closed.then(() => {
      open = false;
    });
    const dribble = setInterval(() => {
      if (open) socket.write("x");
    }, 50);
    try {
      socket.write(
        `PUT /v1/organizations/org_abc123 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${KEYS.owner}\r\n` +
          "Content-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{",
      );
      // A generous ceiling, not a budget: the sandbox closes within a second or two of the 408.
      const ceiling = new Promise<"open">((resolve) => setTimeout(() => resolve("open"), 60_000).unref());
      expect(await Promise.race([closed.then(() => "closed" as const), ceiling])).toBe("closed");
    } finally {
      clearInterval(dribble);
      socket.destroy();
      await strict.close();
    }
  });

  it("a client that sends requests and never reads their answers is cut off once nothing moves", async () => {
    // Its unread answers fill the connection, so the sandbox stops reading it: no request is left
    // arriving for the request timeout to end. Nothing moving for that long closes it too.
    const strict = await startSandbox({ requestTimeoutMs: 500 });
    const { port } = new URL(strict.url);
    const socket = connect(Number(port), "127.0.0.1");
    socket.pause();
    socket.on("error", () => {});
    const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    let open = true;
    void closed.then(() => {
      open = false;
    });
    // A client that never reads learns of the close only when it writes: it sends a byte now and then.
    const dribble = setInterval(() => {
      if (open) socket.write("G");
    }, 50);
    try {
      const list =
        "GET /v1/organizations?page_size=100 HTTP/1.1\r\nHost: localhost\r\n" +
        `Authorization: Bearer ${KEYS.owner}\r\n\r\n`;
      socket.write(list.repeat(20_000));
      const ceiling = new Promise<"open">((resolve) => setTimeout(() => resolve("open"), 60_000).unref());
      expect(await Promise.race([closed.then(() => "closed" as const), ceiling])).toBe("closed");
    } finally {
      clearInterval(dribble);
      socket.destroy();
      await strict.close();
    }
  });

  it("a client that hangs up mid-upload is logged in one line and is not a server error", async () => {
    const line = new Promise<void>((resolve) => {
      lineLogged = resolve;
    });
    const { hostname, port } = new URL(sandbox().url);
    const socket = connect(Number(port), hostname);
    socket.write(
      `POST /v1/organizations HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${KEYS.owner}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"name":',
      () => socket.destroy(),
    );
    await line;
    // The server goes on serving, and nothing more was logged for that request.
    expect((await json(sandbox().url, "GET", "/v1/organizations", KEYS.owner)).status).toBe(200);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/closed the connection before the request body ended/);
    expect(logged[0]).not.toContain("\n");
    expect(logged[0]).not.toMatch(/internal|500/i);
  });
});
