// What SDK users expect around the calls: the key from the environment where the runtime allows it,
// and a logger that can be turned on without printing the key.
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createEnterpriseClient,
  createOrganizationsClient,
  ENTERPRISE_API_KEY_VARIABLE,
  ORGANIZATIONS_API_KEY_VARIABLE,
} from "../src/index.js";
import { API_KEY, thrown } from "./support/leaks.js";
import { scripted, startServer, type TestServer } from "./support/server.js";

let server: TestServer | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  await server?.close();
  server = undefined;
});

describe("the key from the environment", () => {
  it("is DEVIN_API_KEY for the Enterprise client and ORGADMIN_API_KEY for the Organizations client", async () => {
    expect([ENTERPRISE_API_KEY_VARIABLE, ORGANIZATIONS_API_KEY_VARIABLE]).toEqual([
      "DEVIN_API_KEY",
      "ORGADMIN_API_KEY",
    ]);
    server = await startServer(scripted([200, { members: [] }]));
    vi.stubEnv("DEVIN_API_KEY", API_KEY);
    vi.stubEnv("ORGADMIN_API_KEY", `${API_KEY}v1`);
    await createEnterpriseClient({ baseUrl: server.url }).GET("/members");
    await createOrganizationsClient({ baseUrl: server.url })
      .GET("/v1/organizations")
      .catch(() => {});
    expect(server.received.map((r) => r.headers.authorization)).toEqual([
      `Bearer ${API_KEY}`,
      `Bearer ${API_KEY}v1`,
    ]);
  });

  it("gives way to an apiKey passed in", async () => {
    server = await startServer(scripted([200, { members: [] }]));
    vi.stubEnv("DEVIN_API_KEY", "from-the-environment");
    await createEnterpriseClient({ apiKey: API_KEY, baseUrl: server.url }).GET("/members");
    expect(server.received[0]?.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it("is a TypeError naming the variable when it is not set either", () => {
    vi.stubEnv("DEVIN_API_KEY", undefined);
    const error = thrown(() => createEnterpriseClient());
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/set DEVIN_API_KEY\)$/);
  });

  it("is never read in a browser", () => {
    vi.stubEnv("DEVIN_API_KEY", API_KEY);
    vi.stubGlobal("document", {});
    expect((thrown(() => createEnterpriseClient()) as Error).message).toMatch(/^apiKey is required/);
  });

  it("is read in Deno only when env access is granted, without asking (no throw)", () => {
    const get = vi.fn(() => API_KEY);
    const deno = (state: string) => ({
      env: { get },
      permissions: { querySync: vi.fn(() => ({ state })) },
    });
    vi.stubGlobal("Deno", deno("prompt"));
    expect((thrown(() => createEnterpriseClient()) as Error).message).toMatch(/^apiKey is required/);
    expect(get).not.toHaveBeenCalled();
    vi.stubGlobal("Deno", deno("granted"));
    expect(() => createEnterpriseClient()).not.toThrow();
    expect(get).toHaveBeenCalledWith("DEVIN_API_KEY");
    // An older Deno without querySync: not read (asking could prompt or throw).
    vi.stubGlobal("Deno", { env: { get } });
    get.mockClear();
    expect(() => createEnterpriseClient()).toThrow(TypeError);
    expect(get).not.toHaveBeenCalled();
  });
});

describe("logger", () => {
  const capture = () => {
    const lines: string[] = [];
    const logger = {
      debug: (m: string) => void lines.push(`debug ${m}`),
      info: (m: string) => void lines.push(`info ${m}`),
      warn: (m: string) => void lines.push(`warn ${m}`),
      error: (m: string) => void lines.push(`error ${m}`),
    };
    return { lines, logger };
  };

  it("at debug, says each answer and each retry, and never the key or the Authorization header", async () => {
    server = await startServer(scripted([429, {}, { "retry-after": "0.001" }], [200, { members: [] }]));
    const { lines, logger } = capture();
    const client = createEnterpriseClient({
      apiKey: API_KEY,
      baseUrl: server.url,
      logger,
      logLevel: "debug",
      sleep: async () => {},
    });
    await client.GET("/members");
    expect(lines).toEqual([
      `debug [orgadmin] GET ${server.url}/members answered HTTP 429`,
      `info [orgadmin] GET ${server.url}/members answered HTTP 429; trying again in 100 ms`,
      `debug [orgadmin] GET ${server.url}/members answered HTTP 200`,
    ]);
    expect(lines.join("\n")).not.toContain(API_KEY);
    expect(lines.join("\n").toLowerCase()).not.toContain("authorization");
  });

  it("writes nothing below its level (default warn), and nothing at all when off", async () => {
    server = await startServer(scripted([429, {}, { "retry-after": "0.001" }], [200, { members: [] }]));
    for (const logLevel of [undefined, "off"] as const) {
      const { lines, logger } = capture();
      const client = createEnterpriseClient({
        apiKey: API_KEY,
        baseUrl: server.url,
        logger,
        ...(logLevel && { logLevel }),
        sleep: async () => {},
      });
      await client.GET("/members");
      expect(lines).toEqual([]);
    }
    expect(server.received).toHaveLength(3); // a retry happened, and went unlogged
  });
});
