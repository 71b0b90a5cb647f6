import { afterEach, describe, expect, it } from "vitest";
import {
  ApiError,
  createEnterpriseClient,
  createOrganizationsClient,
  EnterpriseApiError,
  MalformedResponseError,
  OrgadminError,
  OrganizationsApiError,
} from "../src/index.js";
import { API_KEY, everythingIn, rejection, thrown } from "./support/leaks.js";
import { json, scripted, startServer, type TestServer } from "./support/server.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const member = {
  id: "user_1",
  email: "a@example.com",
  name: null,
  role: "admin",
  joined_at: "2025-01-01T00:00:00Z",
};

describe("auth and headers", () => {
  it("sends the key as a bearer token, with the user agent and extra headers", async () => {
    server = await startServer(scripted([200, { members: [member] }]));
    const client = createEnterpriseClient({
      apiKey: API_KEY,
      baseUrl: server.url,
      userAgent: "billing-sync/1.2",
      headers: { "X-Team": "platform" },
    });
    const { members } = await client.GET("/members");
    expect(members[0]?.email).toBe("a@example.com");
    const headers = server.received[0]?.headers;
    expect(headers?.authorization).toBe(`Bearer ${API_KEY}`);
    expect(headers?.["user-agent"]).toBe("billing-sync/1.2 orgadmin-client");
    expect(headers?.["x-team"]).toBe("platform");
  });

  it("leaves the User-Agent to the platform, or to extra headers, when no userAgent is given", async () => {
    server = await startServer(scripted([200, { members: [] }], [200, { members: [] }]));
    await createEnterpriseClient({ apiKey: API_KEY, baseUrl: server.url }).GET("/members");
    const headers = { "User-Agent": "cron/7" };
    await createEnterpriseClient({ apiKey: API_KEY, baseUrl: server.url, headers }).GET("/members");
    const [platform, given] = server.received.map((r) => r.headers["user-agent"]);
    expect(platform).not.toContain("orgadmin-client");
    expect(given).toBe("cron/7");
  });

  it("keeps the configured key even if extra headers carry another Authorization", async () => {
    server = await startServer(scripted([200, { members: [] }]));
    const client = createEnterpriseClient({
      apiKey: API_KEY,
      baseUrl: server.url,
      headers: { authorization: "Bearer other" },
    });
    await client.GET("/members");
    expect(server.received[0]?.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it.each([
    ["empty", ""],
    ["with a space", "sk live"],
    ["with a trailing newline", `${API_KEY}\n`],
    ["with CR/LF smuggling a header", `${API_KEY}\r\nX-Evil: 1`],
    ["with a tab", `${API_KEY}\t`],
    ["non-ASCII", `${API_KEY}é`],
  ])("refuses a key that is %s, without echoing it", (_label, apiKey) => {
    const error = thrown(() => createEnterpriseClient({ apiKey }));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/^apiKey (is required|is malformed)/);
    expect(everythingIn(error)).not.toContain(API_KEY);
  });

  it("refuses a missing key", () => {
    const error = thrown(() => createEnterpriseClient({} as { apiKey: string }));
    expect((error as Error).message).toMatch(/apiKey is required/);
  });
});

describe("base URL", () => {
  it("defaults to the Enterprise API's server", async () => {
    const seen: string[] = [];
    const client = createEnterpriseClient({
      apiKey: API_KEY,
      fetch: async (request) => {
        seen.push(request.url);
        return Response.json({ members: [] });
      },
    });
    await client.GET("/members");
    expect(seen).toEqual(["https://api.devin.ai/v2/enterprise/members"]);
  });

  it("joins a base URL with a trailing slash to the path with one slash", async () => {
    const seen: string[] = [];
    const client = createEnterpriseClient({
      apiKey: API_KEY,
      baseUrl: "https://api.example.com/v2/",
      fetch: async (request) => {
        seen.push(request.url);
        return Response.json({ members: [] });
      },
    });
    await client.GET("/members");
    expect(seen).toEqual(["https://api.example.com/v2/members"]);
  });

  it("requires one for the Organizations API", () => {
    const error = thrown(() =>
      createOrganizationsClient({ apiKey: API_KEY } as { apiKey: string; baseUrl: string }),
    );
    expect((error as Error).message).toMatch(/^baseUrl must be an absolute URL$/);
  });

  it("refuses plain http: for a remote host unless explicitly allowed", () => {
    const error = thrown(() =>
      createOrganizationsClient({ apiKey: API_KEY, baseUrl: "http://api.example.com" }),
    );
    expect((error as Error).message).toMatch(/baseUrl must use https:/);
    expect(() =>
      createOrganizationsClient({
        apiKey: API_KEY,
        baseUrl: "http://api.example.com",
        allowInsecureHttp: true,
      }),
    ).not.toThrow();
  });

  it.each([
    "http://127.0.0.1:4010",
    "http://localhost:4010/",
    "http://[::1]:4010",
    "https://api.example.com/",
  ])("accepts %s", (baseUrl) => {
    expect(() => createOrganizationsClient({ apiKey: API_KEY, baseUrl })).not.toThrow();
  });

  it.each([
    ["credentials", "https://user:pw@api.example.com", /must not contain credentials/],
    ["another scheme", "ftp://api.example.com", /must use https:/],
    ["a relative path", "/v1", /must be an absolute URL/],
  ])("refuses %s", (_label, baseUrl, message) => {
    expect((thrown(() => createOrganizationsClient({ apiKey: API_KEY, baseUrl })) as Error).message).toMatch(
      message,
    );
  });
});

describe("path parameters", () => {
  it("percent-encodes ids so / ? # cannot change the path", async () => {
    server = await startServer(scripted([201, { id: "p1" }]));
    const client = createEnterpriseClient({ apiKey: API_KEY, baseUrl: server.url });
    await client.POST("/organizations/{org_id}/permissions", {
      params: { path: { org_id: "../members?x=1#y" } },
      body: { provider: "github", repository: "org/repo", permission: "read" },
    });
    expect(server.received[0]?.url).toBe("/organizations/..%2Fmembers%3Fx%3D1%23y/permissions");
  });

  it.each(["..", ".", ""])("refuses the id %j, which URL parsing would resolve away", async (id) => {
    server = await startServer(scripted([200, {}]));
    const client = createOrganizationsClient({ apiKey: API_KEY, baseUrl: server.url });
    const error = await rejection(
      client.DELETE("/v1/organizations/{organization_id}", { params: { path: { organization_id: id } } }),
    );
    expect((error as Error).message).toMatch(/path parameter organization_id cannot be/);
    expect(server.received).toHaveLength(0);
  });
});

describe("errors", () => {
  it("unwrap throws an ApiError with status, parsed body, request id, method, URL and Retry-After", async () => {
    server = await startServer(
      scripted([
        429,
        { code: "rate_limited", message: "Too many requests" },
        { "retry-after": "90", "x-request-id": "req_42" },
      ]),
    );
    const client = createEnterpriseClient({ apiKey: API_KEY, baseUrl: server.url });
    const error = await rejection(client.GET("/audit-logs", { params: { query: { limit: 5 } } }));
    expect(error).toBeInstanceOf(ApiError);
    const e = error as ApiError;
    expect(e.status).toBe(429);
    expect(e.body).toEqual({ code: "rate_limited", message: "Too many requests" });
    expect(e.requestId).toBe("req_42");
    expect(e.method).toBe("GET");
    expect(e.url).toBe(`${server.url}/audit-logs?limit=5`);
    expect(e.retryAfterMs).toBe(90_000);
    expect(e.message).toBe(`GET ${server.url}/audit-logs?limit=5 failed with HTTP 429: Too many requests`);
    expect("statusCode" in e).toBe(false); // v1 envelope fields live on OrganizationsApiError
    // The v2 class, with the contract's error code typed.
    expect(error).toBeInstanceOf(EnterpriseApiError);
    expect((error as EnterpriseApiError).code).toBe("rate_limited");
  });

  it("an ApiError built by hand takes its request id from its headers unless one is given", () => {
    const init = { method: "GET", url: "https://api.example.com/x", status: 404, body: "" };
    const headers = new Headers({ "x-request-id": "req_7" });
    expect(new ApiError({ ...init, headers }).requestId).toBe("req_7");
    expect(new ApiError({ ...init, headers, requestId: "req_8" }).requestId).toBe("req_8");
    expect(new ApiError({ ...init, headers: new Headers() }).requestId).toBeUndefined();
  });

  it("keeps a non-JSON error body as text", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end("<html>upstream down</html>");
    });
    const client = createEnterpriseClient({ apiKey: API_KEY, baseUrl: server.url, maxRetries: 0 });
    const error = (await rejection(client.GET("/members"))) as ApiError;
    expect(error.status).toBe(502);
    expect(error.body).toBe("<html>upstream down</html>");
    expect(error.message).toMatch(/failed with HTTP 502: <html>upstream down<\/html>$/);
  });

  it("rejects a malformed success body through the client, never leaving an unhandled rejection", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{not json");
    });
    const client = createEnterpriseClient({ apiKey: API_KEY, baseUrl: server.url });
    const error = await rejection(client.GET("/consumption/cycles"));
    expect(error).toBeInstanceOf(MalformedResponseError);
    // The server said it succeeded: not an ApiError, still an OrgadminError.
    expect(error).not.toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(OrgadminError);
  });

  it("never puts the key in an error or a URL", async () => {
    server = await startServer((_req, res) =>
      json(res, 401, { code: "invalid_api_key", message: "invalid key" }),
    );
    const client = createEnterpriseClient({ apiKey: API_KEY, baseUrl: server.url });
    const error = await rejection(client.GET("/members"));
    expect(everythingIn(error)).not.toContain(API_KEY);
    expect(server.received[0]?.url).not.toContain(API_KEY);
  });
});

describe("Organizations API envelope", () => {
  const envelope = (data: unknown) => ({ status_code: 200, status_message: "SUCCESS", data });

  it("unwrapEnvelope returns data", async () => {
    const org = {
      id: "org_1",
      name: "n",
      description: null,
      created_at: "t",
      updated_at: "t",
      settings: {},
      members_count: 2,
      projects_count: 0,
    };
    server = await startServer(scripted([200, envelope(org)]));
    const client = createOrganizationsClient({ apiKey: API_KEY, baseUrl: server.url });
    const data = await client.GET("/v1/organizations/{organization_id}", {
      params: { path: { organization_id: "org_1" } },
    });
    expect(data).toEqual(org);
    expect(server.received[0]?.url).toBe("/v1/organizations/org_1");
  });

  it("unwrapEnvelope throws an ApiError carrying status_code, status_message and the message", async () => {
    server = await startServer(
      scripted([
        404,
        { status_code: 404, status_message: "NOT_FOUND", data: { message: "Organization not found" } },
      ]),
    );
    const client = createOrganizationsClient({ apiKey: API_KEY, baseUrl: server.url });
    const error = (await rejection(
      client.GET("/v1/organizations/{organization_id}", { params: { path: { organization_id: "nope" } } }),
    )) as OrganizationsApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(404);
    expect(error.statusCode).toBe(404);
    expect(error.statusMessage).toBe("NOT_FOUND");
    expect(error).toBeInstanceOf(OrganizationsApiError);
    expect((error as OrganizationsApiError).envelope).toEqual({
      status_code: 404,
      status_message: "NOT_FOUND",
      data: { message: "Organization not found" },
    });
    expect(error.message).toMatch(
      /GET .*\/v1\/organizations\/nope failed with HTTP 404: Organization not found$/,
    );
  });

  it("unwrapEnvelope throws an ApiError for an error envelope sent with HTTP 200", async () => {
    server = await startServer(
      scripted([
        200,
        {
          status_code: 400,
          status_message: "BAD_REQUEST",
          data: { message: "page_size must be at most 100" },
        },
      ]),
    );
    const client = createOrganizationsClient({ apiKey: API_KEY, baseUrl: server.url });
    const error = (await rejection(client.GET("/v1/organizations"))) as OrganizationsApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).not.toBeInstanceOf(MalformedResponseError);
    expect(error).toBeInstanceOf(OrganizationsApiError);
    expect(error.status).toBe(200);
    expect(error.statusCode).toBe(400);
    expect(error.statusMessage).toBe("BAD_REQUEST");
    expect(error.body).toEqual({
      status_code: 400,
      status_message: "BAD_REQUEST",
      data: { message: "page_size must be at most 100" },
    });
    expect(error.message).toMatch(
      /^GET .*\/v1\/organizations returned HTTP 200 with envelope status 400 BAD_REQUEST: page_size must be at most 100$/,
    );
  });

  it.each([
    ["a 2xx code with another message", { status_code: 200, status_message: "PARTIAL" }, 200, "PARTIAL"],
    ["SUCCESS with a non-2xx code", { status_code: 500, status_message: "SUCCESS" }, 500, "SUCCESS"],
  ])("unwrapEnvelope treats %s as a failure", async (_label, status, statusCode, statusMessage) => {
    server = await startServer(scripted([200, { ...status, data: { organizations: [] } }]));
    const client = createOrganizationsClient({ apiKey: API_KEY, baseUrl: server.url });
    const error = (await rejection(client.GET("/v1/organizations"))) as OrganizationsApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.statusCode).toBe(statusCode);
    expect(error.statusMessage).toBe(statusMessage);
  });

  it("unwrapEnvelope refuses a body that is not an envelope", async () => {
    server = await startServer(scripted([200, { organizations: [] }]));
    const client = createOrganizationsClient({ apiKey: API_KEY, baseUrl: server.url });
    const error = await rejection(client.GET("/v1/organizations"));
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect((error as Error).message).toMatch(/without the envelope's status_code and status_message$/);
  });

  it("unwrapEnvelope refuses a success envelope without data", async () => {
    server = await startServer(scripted([200, { status_code: 200, status_message: "SUCCESS" }]));
    const client = createOrganizationsClient({ apiKey: API_KEY, baseUrl: server.url });
    const error = await rejection(client.GET("/v1/organizations"));
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect((error as Error).message).toMatch(/without the envelope's data/);
  });

  it("retries DELETE as idempotent", async () => {
    server = await startServer(
      scripted([503, {}, { "retry-after": "0.001" }], [200, envelope({ message: "removed" })]),
    );
    const client = createOrganizationsClient({ apiKey: API_KEY, baseUrl: server.url });
    const result = await client.DELETE("/v1/organizations/{organization_id}/members/{member_id}", {
      params: { path: { organization_id: "org_1", member_id: "user_2" } },
    });
    expect(result).toEqual({ message: "removed" });
    expect(server.received.map((r) => `${r.method} ${r.url}`)).toEqual([
      "DELETE /v1/organizations/org_1/members/user_2",
      "DELETE /v1/organizations/org_1/members/user_2",
    ]);
  });
});
