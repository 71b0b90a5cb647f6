import { afterEach, describe, expect, it } from "vitest";
import { paging as enterprisePaging } from "../src/generated/enterprise-paging.js";
import { paging as organizationsPaging } from "../src/generated/organizations-paging.js";
import {
  createEnterpriseClient,
  createOrganizationsClient,
  DEFAULT_MAX_PAGES,
  listAllAuditLogs,
  listAllMembers,
  listAllOrganizations,
  listAllSessionInsights,
  OrgadminError,
  PagingError,
} from "../src/index.js";
import { pagedWalk } from "../src/paginate.js";
import { API_KEY, rejection, thrown } from "./support/leaks.js";
import { json, type Received, startServer, type TestServer } from "./support/server.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const query = (r: Received | undefined) => Object.fromEntries(new URL(r?.url ?? "", "http://x").searchParams);

/** `total` numbered items served by limit/offset. */
function insights(total: number) {
  return startServer((req, res) => {
    const { limit = "50", offset = "0" } = query(req);
    const start = Number(offset);
    const end = Math.min(start + Number(limit), total);
    const sessions = Array.from({ length: Math.max(0, end - start) }, (_, i) => ({
      id: `s${start + i}`,
      insight: "ok",
      created_at: "2025-01-01T00:00:00Z",
    }));
    json(res, 200, { sessions });
  });
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe("session insights (limit/offset)", () => {
  it("walks every page and stops on the short one", async () => {
    server = await insights(23);
    const client = createEnterpriseClient({ apiKey: API_KEY, baseUrl: server.url });
    const all = await collect(listAllSessionInsights(client, { pageSize: 10 }));
    expect(all.map((s) => s.id)).toEqual(Array.from({ length: 23 }, (_, i) => `s${i}`));
    expect(server.received.map(query)).toEqual([
      { limit: "10", offset: "0" },
      { limit: "10", offset: "10" },
      { limit: "10", offset: "20" },
    ]);
  });

  it("stops on an empty page when the total is a multiple of the page size", async () => {
    server = await insights(20);
    const client = createEnterpriseClient({ apiKey: API_KEY, baseUrl: server.url });
    expect(await collect(listAllSessionInsights(client, { pageSize: 10 }))).toHaveLength(20);
    expect(server.received).toHaveLength(3);
  });

  it("fetches a page only when the consumer reaches it, so memory stays at one page", async () => {
    server = await insights(1000);
    const client = createEnterpriseClient({ apiKey: API_KEY, baseUrl: server.url });
    let seen = 0;
    for await (const _ of listAllSessionInsights(client, { pageSize: 5 })) {
      if (++seen === 7) break;
    }
    expect(server.received).toHaveLength(2);
  });

  it("stops when the signal aborts", async () => {
    server = await insights(1000);
    const client = createEnterpriseClient({ apiKey: API_KEY, baseUrl: server.url });
    const controller = new AbortController();
    let seen = 0;
    const error = await rejection(
      (async () => {
        for await (const _ of listAllSessionInsights(client, { pageSize: 5, signal: controller.signal })) {
          if (++seen === 3) controller.abort();
        }
      })(),
    );
    expect((error as Error).name).toBe("AbortError");
    expect(seen).toBe(3);
    expect(server.received).toHaveLength(1);
  });

  it("refuses a page size the API does not allow", () => {
    const client = createEnterpriseClient({ apiKey: API_KEY });
    expect((thrown(() => listAllSessionInsights(client, { pageSize: 101 })) as Error).message).toMatch(
      /1 to 100/,
    );
  });

  it("asks for the largest page the spec allows by default", async () => {
    server = await insights(3);
    const client = createEnterpriseClient({ apiKey: API_KEY, baseUrl: server.url });
    expect(await collect(listAllSessionInsights(client))).toHaveLength(3);
    expect(server.received.map(query)).toEqual([
      { limit: String(enterprisePaging.listSessionInsights.maximum), offset: "0" },
    ]);
  });
});

describe("audit logs (cursor)", () => {
  const log = (id: string) => ({
    id,
    timestamp: "2025-01-01T00:00:00Z",
    action: "member.invite",
    actor: "a@example.com",
  });

  it("follows next_cursor until it is null, passing start_date and limit", async () => {
    const pages: Record<string, unknown> = {
      "": { logs: [log("1"), log("2")], next_cursor: "c2" },
      c2: { logs: [log("3")], next_cursor: "c3" },
      c3: { logs: [log("4")], next_cursor: null },
    };
    server = await startServer((req, res) => json(res, 200, pages[query(req).cursor ?? ""]));
    const client = createEnterpriseClient({ apiKey: API_KEY, baseUrl: server.url });
    const all = await collect(listAllAuditLogs(client, { startDate: "2025-01-01T00:00:00Z", pageSize: 2 }));
    expect(all.map((l) => l.id)).toEqual(["1", "2", "3", "4"]);
    expect(server.received.map(query)).toEqual([
      { limit: "2", start_date: "2025-01-01T00:00:00Z" },
      { limit: "2", start_date: "2025-01-01T00:00:00Z", cursor: "c2" },
      { limit: "2", start_date: "2025-01-01T00:00:00Z", cursor: "c3" },
    ]);
  });

  it("stops on an empty page even if a cursor comes with it", async () => {
    server = await startServer((req, res) =>
      json(
        res,
        200,
        query(req).cursor ? { logs: [], next_cursor: "again" } : { logs: [log("1")], next_cursor: "c2" },
      ),
    );
    const client = createEnterpriseClient({ apiKey: API_KEY, baseUrl: server.url });
    expect(await collect(listAllAuditLogs(client))).toHaveLength(1);
    expect(server.received).toHaveLength(2);
  });

  it("refuses to loop when the server hands back the same cursor", async () => {
    server = await startServer((_req, res) => json(res, 200, { logs: [log("1")], next_cursor: "same" }));
    const client = createEnterpriseClient({ apiKey: API_KEY, baseUrl: server.url });
    const error = await rejection(collect(listAllAuditLogs(client)));
    expect((error as Error).message).toMatch(/returned the cursor it was given/);
    expect(server.received).toHaveLength(2);
  });

  it("takes its page-size bounds and default from the spec", async () => {
    const { maximum } = enterprisePaging.listAuditLogs;
    expect(maximum).toBe(1000);
    const offline = createEnterpriseClient({ apiKey: API_KEY });
    expect((thrown(() => listAllAuditLogs(offline, { pageSize: maximum + 1 })) as Error).message).toBe(
      `pageSize must be an integer from 1 to ${maximum}`,
    );
    server = await startServer((_req, res) => json(res, 200, { logs: [log("1")], next_cursor: null }));
    const client = createEnterpriseClient({ apiKey: API_KEY, baseUrl: server.url });
    expect(await collect(listAllAuditLogs(client))).toHaveLength(1);
    expect(await collect(listAllAuditLogs(client, { pageSize: maximum }))).toHaveLength(1);
    expect(server.received.map((r) => query(r).limit)).toEqual([String(maximum), String(maximum)]);
  });

  it("surfaces an error page as an ApiError", async () => {
    server = await startServer((_req, res) =>
      json(res, 403, { code: "insufficient_permissions", message: "admins only" }),
    );
    const client = createEnterpriseClient({ apiKey: API_KEY, baseUrl: server.url });
    const error = await rejection(collect(listAllAuditLogs(client)));
    expect(error).toMatchObject({ name: "EnterprisePermissionDeniedError", status: 403 });
  });
});

describe("Organizations API (page/page_size)", () => {
  /** `total` items under `key`, enveloped, served by page number; `reported` is the total it claims. */
  function pagedEnvelope(key: string, total: number, reported = total) {
    return startServer((req, res) => {
      const page = Number(query(req).page);
      const size = Number(query(req).page_size);
      const start = (page - 1) * size;
      const items = Array.from({ length: Math.max(0, Math.min(size, total - start)) }, (_, i) => ({
        id: `${key}${start + i}`,
      }));
      json(res, 200, {
        status_code: 200,
        status_message: "SUCCESS",
        data: { [key]: items, total: reported, page, page_size: size },
      });
    });
  }

  it("walks every organization", async () => {
    server = await pagedEnvelope("organizations", 7);
    const client = createOrganizationsClient({ apiKey: API_KEY, baseUrl: server.url });
    const all = await collect(listAllOrganizations(client, { pageSize: 3 }));
    expect(all.map((o) => o.id)).toEqual(Array.from({ length: 7 }, (_, i) => `organizations${i}`));
    expect(server.received.map((r) => r.url)).toEqual([
      "/v1/organizations?page=1&page_size=3",
      "/v1/organizations?page=2&page_size=3",
      "/v1/organizations?page=3&page_size=3",
    ]);
  });

  it("walks every member of an organization, encoding its id", async () => {
    server = await pagedEnvelope("members", 4);
    const client = createOrganizationsClient({ apiKey: API_KEY, baseUrl: server.url });
    const all = await collect(listAllMembers(client, "org/1", { pageSize: 2 }));
    expect(all).toHaveLength(4);
    // 4 members in pages of 2: the second page reaches `total`, so no third (empty) page is asked for.
    expect(server.received.map((r) => r.url)).toEqual([
      "/v1/organizations/org%2F1/members?page=1&page_size=2",
      "/v1/organizations/org%2F1/members?page=2&page_size=2",
    ]);
  });

  it("stops at total when it is a multiple of the page size", async () => {
    server = await pagedEnvelope("organizations", 6);
    const client = createOrganizationsClient({ apiKey: API_KEY, baseUrl: server.url });
    expect(await collect(listAllOrganizations(client, { pageSize: 3 }))).toHaveLength(6);
    expect(server.received.map((r) => query(r).page)).toEqual(["1", "2"]);
  });

  it("still stops on a short page when total claims more", async () => {
    server = await pagedEnvelope("organizations", 5, 50);
    const client = createOrganizationsClient({ apiKey: API_KEY, baseUrl: server.url });
    expect(await collect(listAllOrganizations(client, { pageSize: 3 }))).toHaveLength(5);
    expect(server.received).toHaveLength(2);
  });

  it("still stops on an empty page when total claims more", async () => {
    server = await pagedEnvelope("members", 4, 50);
    const client = createOrganizationsClient({ apiKey: API_KEY, baseUrl: server.url });
    expect(await collect(listAllMembers(client, "org_1", { pageSize: 2 }))).toHaveLength(4);
    expect(server.received).toHaveLength(3);
  });

  it("asks for the largest page the spec allows by default", async () => {
    server = await pagedEnvelope("members", 1);
    const client = createOrganizationsClient({ apiKey: API_KEY, baseUrl: server.url });
    await collect(listAllMembers(client, "org_1"));
    expect(query(server.received[0]).page_size).toBe(String(organizationsPaging.listMembers.maximum));
    expect((thrown(() => listAllOrganizations(client, { pageSize: 0 })) as Error).message).toBe(
      `pageSize must be an integer from 1 to ${organizationsPaging.listOrganizations.maximum}`,
    );
  });
});

describe("walks that would never end", () => {
  const log = (id: string) => ({ id, timestamp: "2025-01-01T00:00:00Z", action: "a", actor: "x" });

  it("stop on a cursor handed out earlier (a cycle A, B, A)", async () => {
    const next: Record<string, string> = { "": "A", A: "B", B: "A" };
    server = await startServer((req, res) => {
      const cursor = query(req).cursor ?? "";
      json(res, 200, { logs: [log(`after ${cursor}`)], next_cursor: next[cursor] });
    });
    const client = createEnterpriseClient({ apiKey: API_KEY, baseUrl: server.url });
    const error = await rejection(collect(listAllAuditLogs(client)));
    expect(error).toBeInstanceOf(PagingError);
    expect(error).toBeInstanceOf(OrgadminError);
    expect((error as Error).message).toBe(
      'GET /audit-logs returned the cursor it was given earlier ({"cursor":"A"}); stopping instead of looping',
    );
    expect(server.received.map((r) => query(r).cursor)).toEqual([undefined, "A", "B"]);
  });

  it("stop on a page that repeats the one before (a server that ignores offset)", async () => {
    server = await startServer((_req, res) =>
      json(res, 200, {
        sessions: [1, 2].map((i) => ({ id: `s${i}`, insight: "ok", created_at: "2025-01-01T00:00:00Z" })),
      }),
    );
    const client = createEnterpriseClient({ apiKey: API_KEY, baseUrl: server.url });
    const seen: string[] = [];
    const error = await rejection(
      (async () => {
        for await (const s of listAllSessionInsights(client, { pageSize: 2 })) seen.push(s.id);
      })(),
    );
    expect(error).toBeInstanceOf(PagingError);
    expect((error as Error).message).toMatch(
      /^GET \/sessions\/insights returned the same items as the page before \(at 2\)/,
    );
    expect(seen).toEqual(["s1", "s2"]); // the repeat is never yielded
    expect(server.received).toHaveLength(2);
  });

  it("stop after maxPages of full pages without a total", async () => {
    server = await startServer((req, res) => {
      const page = Number(query(req).page);
      json(res, 200, {
        status_code: 200,
        status_message: "SUCCESS",
        data: { organizations: [{ id: `o${page}` }], page, page_size: 1 },
      });
    });
    const client = createOrganizationsClient({ apiKey: API_KEY, baseUrl: server.url });
    const error = await rejection(collect(listAllOrganizations(client, { pageSize: 1, maxPages: 5 })));
    expect(error).toBeInstanceOf(PagingError);
    expect((error as Error).message).toBe(
      "GET /v1/organizations had more than 5 pages (maxPages); stopping instead of looping",
    );
    expect(server.received).toHaveLength(5);
  });

  it(`stop after ${DEFAULT_MAX_PAGES} pages by default`, async () => {
    let fetched = 0;
    const endless = pagedWalk("GET /endless", { minimum: 1, maximum: 1 }, {}, 0, async (n: number) => {
      fetched++;
      return { items: [n], next: n + 1 };
    });
    const error = await rejection(collect(endless));
    expect(error).toBeInstanceOf(PagingError);
    expect(fetched).toBe(DEFAULT_MAX_PAGES);
    expect(DEFAULT_MAX_PAGES).toBe(10_000);
  });

  it("refuses a maxPages that is not a positive integer", () => {
    const client = createEnterpriseClient({ apiKey: API_KEY });
    for (const maxPages of [0, -1, 1.5]) {
      expect((thrown(() => listAllAuditLogs(client, { maxPages })) as Error).message).toBe(
        "maxPages must be a positive integer",
      );
    }
  });
});
