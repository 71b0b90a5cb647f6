// The core in this process: the client on `sandbox.fetch` (no port), and the test controls — reset,
// seed, scenarios, the clock, the starting keys.
import { createEnterpriseClient, createOrganizationsClient, listAllOrganizations } from "@orgadmin/client";
import { loadContract } from "@orgadmin/spec/contract";
import { beforeEach, describe, expect, it } from "vitest";
import {
  createSandbox,
  type SandboxCore,
  SEED_KEYS,
  STARTING_KEYS,
  STARTING_ORGANIZATIONS,
  startSandbox,
} from "../src/index.js";
import { recorder } from "./support/clients.js";

const contracts = { enterprise: loadContract("enterprise"), organizations: loadContract("organizations") };
/** Any origin works: the sandbox routes on the path. These are the spec's own server URLs. */
const V1_BASE = "http://127.0.0.1:4020";
const V2_BASE = "https://api.devin.ai/v2/enterprise";
const DAY = 86_400_000;

const { fetch: recorded, outcome } = recorder((input, init) => sandbox.fetch(input, init));

let sandbox: SandboxCore;
let t0: number;
const v1 = (apiKey: string, extra: { sleep?: (ms: number) => Promise<void> } = {}) =>
  createOrganizationsClient({ apiKey, baseUrl: V1_BASE, fetch: recorded, maxRetries: 0, ...extra });
const v2 = (apiKey: string, extra: { sleep?: (ms: number) => Promise<void>; maxRetries?: number } = {}) =>
  createEnterpriseClient({ apiKey, baseUrl: V2_BASE, fetch: recorded, maxRetries: 0, ...extra });

beforeEach(() => {
  t0 = Date.parse("2026-03-01T12:00:00Z");
  sandbox = createSandbox({ now: () => new Date(t0), rateLimit: { capacity: 2, refillPerSecond: 1 } });
});

describe("the client on sandbox.fetch", () => {
  it("serves both APIs with no port, each answer as the contract documents it", async () => {
    const members = await outcome(() => v2(sandbox.keys.enterpriseAdmin).GET("/members"));
    expect(members.status).toBe(200);
    expect(contracts.enterprise.validate("listMembers", 200, members.body)).toEqual([]);
    const orgs = await outcome(() => v1(sandbox.keys.owner).GET("/v1/organizations"));
    expect(orgs.status).toBe(200);
    expect(contracts.organizations.validate("listOrganizations", 200, orgs.body)).toEqual([]);
  });

  it("refuses what the caller's role does not allow, in the contract's shape", async () => {
    const r = await outcome(() =>
      v1(sandbox.keys.member).DELETE("/v1/organizations/{organization_id}", {
        params: { path: { organization_id: STARTING_ORGANIZATIONS.acme } },
      }),
    );
    expect(r.status).toBe(403);
    expect(contracts.organizations.validate("deleteOrganization", 403, r.body)).toEqual([]);
  });

  it("answers HEAD without a body and counts what GET would send", async () => {
    const res = await sandbox.fetch(
      new Request(`${V2_BASE}/members`, {
        method: "HEAD",
        headers: { Authorization: `Bearer ${STARTING_KEYS.enterpriseAdmin}` },
      }),
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
    expect(Number(res.headers.get("content-length"))).toBeGreaterThan(0);
  });
});

describe("starting keys", () => {
  it("are the documented keys", () => {
    expect(Object.values(sandbox.keys).sort()).toEqual(SEED_KEYS.map((k) => k.key).sort());
  });
});

describe("reset()", () => {
  it("goes back to the starting data: what a test created is gone, the starting data is there", async () => {
    const owner = v1(sandbox.keys.owner);
    const created = await outcome(() => owner.POST("/v1/organizations", { body: { name: "Initech" } }));
    expect(created.status).toBe(200);
    const del = await outcome(() =>
      owner.DELETE("/v1/organizations/{organization_id}", {
        params: { path: { organization_id: STARTING_ORGANIZATIONS.acme } },
      }),
    );
    expect(del.status).toBe(200);
    await sandbox.reset();
    const names: string[] = [];
    for await (const org of listAllOrganizations(owner)) names.push(org.name);
    expect(names.sort()).toEqual(["Acme", "Globex"]);
    // The name is free again and ids go on from the starting data's.
    const again = await outcome(() => owner.POST("/v1/organizations", { body: { name: "Initech" } }));
    expect(again.status).toBe(200);
  });

  it("clears scenarios and the rate limit", async () => {
    sandbox.scenario("enterprise", "listMembers", { status: 429, times: 5 });
    await sandbox.reset();
    const admin = v2(sandbox.keys.enterpriseAdmin);
    expect((await outcome(() => admin.GET("/members"))).status).toBe(200);
    expect((await outcome(() => admin.GET("/members"))).status).toBe(200);
    expect((await outcome(() => admin.GET("/members"))).status).toBe(429);
    await sandbox.reset();
    expect((await outcome(() => admin.GET("/members"))).status).toBe(200);
  });
});

describe("seed()", () => {
  it("adds users with keys, and organizations, members and invitations through the API", async () => {
    const seeded = await sandbox.seed({
      users: [
        { key: "key-pat", email: "pat@example.com", name: "Pat" },
        { key: "key-sam", email: "sam@example.com" },
        { key: "key-kim", email: "kim@example.com" },
      ],
      organizations: [
        {
          name: "Hooli",
          owner: "key-pat",
          members: [
            { key: "key-sam", role: "admin" },
            { key: "key-kim", role: "owner" },
          ],
          invitations: [{ email: "lee@example.com", role: "member" }],
        },
      ],
    });
    const [org] = seeded.organizations;
    expect(seeded.users.map((u) => u.key)).toEqual(["key-pat", "key-sam", "key-kim"]);
    expect(org?.invitations).toHaveLength(1);
    const members = await outcome(() =>
      v1("key-sam").GET("/v1/organizations/{organization_id}/members", {
        params: { path: { organization_id: org?.id ?? "" } },
      }),
    );
    expect(members.status).toBe(200);
    const list = (members.body as { data: { members: Array<{ email: string; role: string }> } }).data.members;
    expect(list.map((m) => [m.email, m.role])).toEqual([
      ["pat@example.com", "owner"],
      ["sam@example.com", "admin"],
      ["kim@example.com", "owner"],
    ]);
  });

  it("refuses what the API's rules refuse, with the API's reason", async () => {
    await expect(
      sandbox.seed({ organizations: [{ name: "acme", owner: STARTING_KEYS.owner }] }),
    ).rejects.toThrow(/409 .*already exists/);
    await expect(
      sandbox.seed({
        organizations: [
          {
            name: "Umbrella",
            owner: STARTING_KEYS.owner,
            members: [{ key: STARTING_KEYS.outsider, role: "boss" as never }],
          },
        ],
      }),
    ).rejects.toThrow(/400/);
    await expect(
      sandbox.seed({ users: [{ key: STARTING_KEYS.owner, email: "x@example.com" }] }),
    ).rejects.toThrow(/key is taken/);
  });

  it("is all or nothing: a refused fixture leaves no trace of the ones before it", async () => {
    await expect(
      sandbox.seed({
        users: [{ key: "key-ada", email: "ada@example.com" }],
        organizations: [
          { name: "First", owner: "key-ada" },
          { name: "Acme", owner: STARTING_KEYS.owner },
        ],
      }),
    ).rejects.toThrow(/409/);
    expect((await outcome(() => v1("key-ada").GET("/v1/organizations"))).status).toBe(401);
    const names: string[] = [];
    for await (const org of listAllOrganizations(v1(sandbox.keys.owner))) names.push(org.name);
    expect(names).toEqual(["Acme", "Globex"]);
  });
});

describe("scenarios", () => {
  it("answer a documented 429 with Retry-After, which the client waits out and retries", async () => {
    sandbox.scenario("enterprise", "listMembers", { status: 429, retryAfter: 7, times: 2 });
    const waits: number[] = [];
    const client = v2(sandbox.keys.enterpriseAdmin, {
      maxRetries: 3,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    const r = await outcome(() => client.GET("/members"));
    expect(r.status).toBe(200);
    expect(waits).toEqual([7000, 7000]);
  });

  it("answer in the contract's shape, Retry-After included", async () => {
    sandbox.scenario("enterprise", "listAuditLogs", { status: 429 });
    const res = await sandbox.fetch(
      new Request(`${V2_BASE}/audit-logs`, { headers: { Authorization: `Bearer ${STARTING_KEYS.member}` } }),
    );
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(contracts.enterprise.validate("listAuditLogs", 429, await res.json())).toEqual([]);
  });

  it("refuse a status the contract does not document for the operation, when set", () => {
    expect(() => sandbox.scenario("organizations", "listOrganizations", { status: 429 })).toThrow(
      /documents no 429/,
    );
    expect(() => sandbox.scenario("organizations", "noSuchOperation" as never, { status: 400 })).toThrow();
  });

  it("fail at the network level: fetch rejects with a TypeError", async () => {
    sandbox.scenario("organizations", "getOrganization", { network: "error" });
    const request = new Request(`${V1_BASE}/v1/organizations/${STARTING_ORGANIZATIONS.acme}`, {
      headers: { Authorization: `Bearer ${STARTING_KEYS.owner}` },
    });
    await expect(sandbox.fetch(request.clone())).rejects.toBeInstanceOf(TypeError);
    expect((await sandbox.fetch(request)).status).toBe(200);
  });

  it("delay an answer until the sandbox's clock has moved on", async () => {
    sandbox.scenario("organizations", "listOrganizations", { delayMs: 30_000 });
    let answered = false;
    const pending = sandbox
      .fetch(
        new Request(`${V1_BASE}/v1/organizations`, {
          headers: { Authorization: `Bearer ${STARTING_KEYS.owner}` },
        }),
      )
      .then((res) => {
        answered = true;
        return res;
      });
    sandbox.clock.advance(29_999);
    await Promise.resolve();
    expect(answered).toBe(false);
    sandbox.clock.advance(1);
    expect((await pending).status).toBe(200);
  });
});

describe("the clock", () => {
  it("expires invitations when advanced past their lifetime", async () => {
    const [org] = (
      await sandbox.seed({
        organizations: [
          {
            name: "Vandelay",
            owner: STARTING_KEYS.owner,
            invitations: [{ email: "art@example.com", role: "member" }],
          },
        ],
      })
    ).organizations;
    const pending = async () =>
      (
        (await (
          await sandbox.fetch(new Request(`${V1_BASE}/_sandbox/organizations/${org?.id}/invitations`))
        ).json()) as {
          invitations: unknown[];
        }
      ).invitations.length;
    expect(await pending()).toBe(1);
    sandbox.clock.advance(8 * DAY);
    expect(await pending()).toBe(0);
    expect(sandbox.clock.now().getTime()).toBe(t0 + 8 * DAY);
  });

  it("refills the rate limit when advanced", async () => {
    const admin = v2(sandbox.keys.enterpriseAdmin);
    await outcome(() => admin.GET("/members"));
    await outcome(() => admin.GET("/members"));
    expect((await outcome(() => admin.GET("/members"))).status).toBe(429);
    sandbox.clock.advance(1_000);
    expect((await outcome(() => admin.GET("/members"))).status).toBe(200);
  });
});

describe("a started server", () => {
  it("has the same controls: a network-failure scenario drops the connection", async () => {
    const server = await startSandbox();
    try {
      server.scenario("organizations", "listOrganizations", { network: "error" });
      const call = () =>
        fetch(`${server.url}/v1/organizations`, {
          headers: { Authorization: `Bearer ${server.keys.owner}` },
        });
      await expect(call()).rejects.toBeInstanceOf(TypeError);
      expect((await call()).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe("sandbox.fetch", () => {
  it("is called as the global fetch is: a URL and an init, as well as a Request", async () => {
    const res = await sandbox.fetch(`${V1_BASE}/v1/organizations`, {
      method: "POST",
      headers: { Authorization: `Bearer ${STARTING_KEYS.owner}`, "Content-Type": "application/json" },
      body: JSON.stringify({ name: "By URL" }),
    });
    expect(res.status).toBe(200);
    expect(contracts.organizations.validate("createOrganization", 200, await res.json())).toEqual([]);
  });
});
