// What the client does with each redirect, per method: GET follows every kind; any other
// method gets the redirect back as an ApiError and is never sent twice, wherever it pointed.
import { afterEach, describe, expect, it } from "vitest";
import {
  ApiError,
  ConnectionError,
  createEnterpriseClient,
  createOrganizationsClient,
} from "../src/index.js";
import { API_KEY, rejection } from "./support/leaks.js";
import { closedPort, json, startServer, type TestServer } from "./support/server.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const REDIRECTS = [301, 302, 303, 307, 308] as const;

/** `/start` redirects with `status` to `location` (default: this server's `/target`, which answers). */
function redirecting(status: number, location?: string) {
  return startServer((req, res) => {
    if (req.url.startsWith("/target")) {
      json(res, 200, { members: [{ email: `${req.method} ${req.body}` }] });
      return;
    }
    res.writeHead(status, { location: location ?? "/target" });
    res.end();
  });
}

/** Clients of both APIs that count what they hand to fetch. */
function countingClient(baseUrl: string) {
  const sent: string[] = [];
  const options = {
    apiKey: API_KEY,
    baseUrl,
    fetch: (input: Request, init?: RequestInit) => {
      sent.push(`${input.method} ${new URL(input.url).pathname}`);
      return globalThis.fetch(input, init);
    },
  };
  return { client: createEnterpriseClient(options), v1: createOrganizationsClient(options), sent };
}

describe.each(REDIRECTS)("HTTP %i", (status) => {
  it("is followed by a GET", async () => {
    server = await redirecting(status);
    const { client } = countingClient(server.url);
    const { members } = await client.GET("/members");
    expect(members).toEqual([{ email: "GET " }]);
    expect(server.received.map((r) => `${r.method} ${r.url.split("?")[0]}`)).toEqual([
      "GET /members",
      "GET /target",
    ]);
  });

  it.each(["POST", "PUT"] as const)(
    "is not followed by a %s, and is an ApiError naming it",
    async (method) => {
      server = await redirecting(status);
      const { client, v1, sent } = countingClient(server.url);
      const call: Promise<unknown> =
        method === "POST"
          ? client.POST("/organizations", { body: { name: "a", acu_limit: 10 } })
          : v1.PUT("/v1/organizations/{organization_id}", {
              params: { path: { organization_id: "org_1" } },
              body: { name: "b" },
            });
      const error = (await rejection(call)) as ApiError;
      expect(error).toBeInstanceOf(ApiError);
      expect(error.status).toBe(status);
      expect(error.message).toBe(
        `${method} ${server.url}${method === "POST" ? "/organizations" : "/v1/organizations/org_1"} was redirected (HTTP ${status} to ${server.url}/target) and not sent again: only GET follows redirects`,
      );
      expect(server.received.map((r) => r.method)).toEqual([method]);
      expect(sent).toHaveLength(1);
    },
  );

  it("never re-sends a POST the server answered, even when the redirect points nowhere", async () => {
    const nowhere = await closedPort();
    server = await redirecting(status, `${nowhere}/gone`);
    const { client, sent } = countingClient(server.url);
    const error = await rejection(client.POST("/organizations", { body: { name: "a", acu_limit: 10 } }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).not.toBeInstanceOf(ConnectionError);
    expect((error as ApiError).status).toBe(status);
    expect(server.received).toHaveLength(1);
    expect(sent).toEqual(["POST /organizations"]);
  });
});

describe("where the redirect points", () => {
  it("is named without credentials, and left out when it does not parse", async () => {
    const cases = [
      ["https://user:secret@example.test/next#frag", " to https://example.test/next)"],
      ["http://[not-a-host", ")"],
    ] as const;
    for (const [location, ending] of cases) {
      server = await redirecting(302, location);
      const { client } = countingClient(server.url);
      const error = (await rejection(
        client.POST("/organizations", { body: { name: "a", acu_limit: 10 } }),
      )) as ApiError;
      expect(error).toBeInstanceOf(ApiError);
      expect(error.message).toContain(`(HTTP 302${ending} and not sent again`);
      expect(error.message).not.toContain("secret");
      await server.close();
      server = undefined;
    }
  });
});

describe("with a timeout (each attempt gets its own copy of the request)", () => {
  it.each(REDIRECTS)("a POST answered %i is sent once and is an ApiError", async (status) => {
    server = await redirecting(status);
    const client = createEnterpriseClient({ apiKey: API_KEY, baseUrl: server.url, timeoutMs: 60_000 });
    const error = await rejection(client.POST("/organizations", { body: { name: "a", acu_limit: 10 } }));
    expect((error as ApiError).status).toBe(status);
    expect(server.received).toHaveLength(1);
  });

  it.each(REDIRECTS)("a GET answered %i follows it", async (status) => {
    server = await redirecting(status);
    const client = createEnterpriseClient({ apiKey: API_KEY, baseUrl: server.url, timeoutMs: 60_000 });
    expect((await client.GET("/members")).members).toEqual([{ email: "GET " }]);
  });
});
