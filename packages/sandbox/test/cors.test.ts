// CORS, as a page on another origin needs it: preflights answered, and every answer (errors
// included) readable by an allowed origin, with the headers the client reads exposed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCorsOrigin } from "../src/cors.js";
import { type Sandbox, startSandbox } from "../src/server.js";
import { startCli } from "./support/cli.js";
import { KEYS, raw, useSandbox } from "./support/sandbox.js";

const sandbox = useSandbox({ rateLimit: { capacity: 1, refillPerSecond: 0.001 } });
const PAGE = "http://localhost:5173";

const preflight = (base: string, path: string, origin: string, method = "POST") =>
  raw(base, "OPTIONS", path, {
    headers: {
      Origin: origin,
      "Access-Control-Request-Method": method,
      "Access-Control-Request-Headers": "authorization, content-type, x-trace-id",
    },
  });

const exposed = (headers: Record<string, unknown>) =>
  String(headers["access-control-expose-headers"] ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase());

describe("CORS, by default for any loopback origin", () => {
  it.each(["http://localhost:5173", "http://127.0.0.1:8080", "https://localhost", "http://[::1]:3000"])(
    "answers a preflight from %s with 204 and what it may send",
    async (origin) => {
      const res = await preflight(sandbox().url, "/v1/organizations", origin);
      expect(res.status).toBe(204);
      expect(res.headers["access-control-allow-origin"]).toBe(origin);
      const methods = String(res.headers["access-control-allow-methods"]).split(/,\s*/);
      expect(methods).toEqual(expect.arrayContaining(["GET", "POST", "PUT", "DELETE"]));
      expect(String(res.headers["access-control-allow-headers"]).toLowerCase()).toBe(
        "authorization, content-type, x-trace-id",
      );
      expect(Number(res.headers["access-control-max-age"])).toBeGreaterThan(0);
      expect(String(res.headers.vary)).toMatch(/Origin/);
    },
  );

  it("answers a preflight for a v2 path the same way", async () => {
    const res = await preflight(sandbox().url, "/v2/enterprise/organizations", PAGE);
    expect(res.status).toBe(204);
    expect(res.headers["access-control-allow-origin"]).toBe(PAGE);
  });

  it("lets the page read a success, an error and a 429, with Retry-After and X-Request-Id exposed", async () => {
    const ok = await raw(sandbox().url, "GET", "/v1/organizations", {
      key: KEYS.owner,
      headers: { Origin: PAGE },
    });
    expect(ok.status).toBe(200);
    const unauthorized = await raw(sandbox().url, "GET", "/v1/organizations", { headers: { Origin: PAGE } });
    expect(unauthorized.status).toBe(401);
    const notFound = await raw(sandbox().url, "GET", "/nowhere", { headers: { Origin: PAGE } });
    expect(notFound.status).toBe(404);
    await raw(sandbox().url, "GET", "/v2/enterprise/members", { key: KEYS.enterpriseAdmin });
    const limited = await raw(sandbox().url, "GET", "/v2/enterprise/members", {
      key: KEYS.enterpriseAdmin,
      headers: { Origin: PAGE },
    });
    expect(limited.status).toBe(429);
    for (const res of [ok, unauthorized, notFound, limited]) {
      expect(res.headers["access-control-allow-origin"]).toBe(PAGE);
      expect(exposed(res.headers)).toEqual(expect.arrayContaining(["retry-after", "x-request-id"]));
    }
  });

  it("gives an origin that is not allowed nothing to read, and refuses its preflight", async () => {
    const origin = "https://evil.example";
    const res = await raw(sandbox().url, "GET", "/v1/organizations", {
      key: KEYS.owner,
      headers: { Origin: origin },
    });
    expect(res.status).toBe(200);
    expect(res.headers["access-control-allow-origin"]).toBeUndefined();
    const pre = await preflight(sandbox().url, "/v1/organizations", origin);
    expect(pre.status).toBe(403);
    expect(pre.headers["access-control-allow-origin"]).toBeUndefined();
    expect(pre.body).toMatchObject({ status_code: 403, data: { message: expect.stringMatching(/origin/i) } });
  });

  it("adds no CORS headers to a request without an Origin", async () => {
    const res = await raw(sandbox().url, "GET", "/v1/organizations", { key: KEYS.owner });
    expect(res.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("says Vary: Origin on every answer, with or without an Origin, so no cache serves one to the other", async () => {
    const answers = [
      await raw(sandbox().url, "GET", "/v1/organizations", { key: KEYS.owner }),
      await raw(sandbox().url, "GET", "/v1/organizations", {}),
      await raw(sandbox().url, "GET", "/_sandbox/health", {}),
      await raw(sandbox().url, "GET", "/v1/organizations", {
        key: KEYS.owner,
        headers: { Origin: "https://elsewhere.example" },
      }),
    ];
    for (const res of answers) expect(String(res.headers.vary)).toMatch(/\bOrigin\b/);
  });
});

describe("CORS with configured origins", () => {
  let configured: Sandbox;
  beforeAll(async () => {
    configured = await startSandbox({ corsOrigins: ["https://admin.example.com"] });
  });
  afterAll(async () => {
    await configured.close();
  });

  it("allows exactly the origins given, and loopback no longer", async () => {
    const allowed = await preflight(configured.url, "/v1/organizations", "https://admin.example.com", "PUT");
    expect(allowed.status).toBe(204);
    expect(allowed.headers["access-control-allow-origin"]).toBe("https://admin.example.com");
    const loopback = await preflight(configured.url, "/v1/organizations", PAGE);
    expect(loopback.status).toBe(403);
  });

  it("allows any origin with *", async () => {
    const any = await startSandbox({ corsOrigins: ["*"] });
    try {
      const res = await preflight(any.url, "/v1/organizations", "https://anywhere.example");
      expect(res.status).toBe(204);
      expect(res.headers["access-control-allow-origin"]).toBe("https://anywhere.example");
    } finally {
      await any.close();
    }
  });
});

describe("--cors-origin", () => {
  it.each(["*", "https://admin.example.com", "http://localhost:5173", "http://[::1]:8080"])(
    "takes %s",
    (o) => {
      expect(parseCorsOrigin(o)).toBe(o);
    },
  );

  it.each(["localhost:5173", "https://admin.example.com/", "https://admin.example.com/app", "null", ""])(
    "refuses %j, which no browser sends as an origin",
    (o) => {
      expect(() => parseCorsOrigin(o)).toThrow(/an origin such as/);
    },
  );

  it("allows the origins given on the command line", async () => {
    const cli = await startCli(["--cors-origin", "https://admin.example.com", "--cors-origin", PAGE]);
    try {
      for (const origin of ["https://admin.example.com", PAGE]) {
        const res = await preflight(cli.url, "/v1/organizations", origin);
        expect(res.status).toBe(204);
        expect(res.headers["access-control-allow-origin"]).toBe(origin);
      }
      expect((await preflight(cli.url, "/v1/organizations", "http://127.0.0.1:9999")).status).toBe(403);
    } finally {
      cli.child.kill("SIGTERM");
      await cli.exited;
    }
  });
});
