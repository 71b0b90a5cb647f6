// The rules the seeds imply, over raw HTTP; every answer is also checked against the spec.

import type { ApiName } from "@orgadmin/spec/contract";
import { describe, expect, it } from "vitest";
import { startSandbox } from "../src/server.js";
import { expectDocumented } from "./support/responses.js";
import { json, KEYS, raw, useSandbox } from "./support/sandbox.js";

const DAY = 86_400_000;
let clock = Date.parse("2025-03-10T12:00:00Z");
const sandbox = useSandbox({ now: () => new Date(clock) });
const url = () => sandbox().url;
const V1 = "/v1/organizations";
const V2 = "/v2/enterprise";

/** Sends, checks the answer against the spec, and returns status and body. */
async function call(
  api: ApiName,
  operationId: string,
  method: string,
  path: string,
  key?: string,
  body?: unknown,
) {
  const res = await json(url(), method, path, key, body);
  expectDocumented(api, operationId, res.status, res.body);
  return res as { status: number; body: Record<string, unknown> & { data: Record<string, unknown> } };
}
const v1 = (op: string, method: string, path: string, key?: string, body?: unknown) =>
  call("organizations", op, method, `${V1}${path}`, key, body);
const v2 = (op: string, method: string, path: string, key?: string, body?: unknown) =>
  call("enterprise", op, method, `${V2}${path}`, key, body);
const tick = (ms = 1000) => {
  clock += ms;
};

describe("authentication", () => {
  it.each([
    ["no key", undefined],
    ["an unknown key", "sk-not-a-sandbox-key"],
  ])("refuses %s with 401 on both APIs", async (_, key) => {
    expect((await v1("listOrganizations", "GET", "", key)).status).toBe(401);
    expect((await v2("listMembers", "GET", "/members", key)).status).toBe(401);
  });

  it("refuses a key sent without the Bearer scheme", async () => {
    const res = await raw(url(), "GET", `${V2}/members`, {
      headers: { Authorization: KEYS.enterpriseAdmin },
    });
    expect(res.status).toBe(401);
  });

  it.each([KEYS.owner, KEYS.admin, KEYS.member, KEYS.outsider])(
    "refuses v2 to non-admin %s with 403",
    async (key) => {
      const res = await v2("listConsumptionCycles", "GET", "/consumption/cycles", key);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: "insufficient_permissions" });
    },
  );
});

describe("organizations", () => {
  it("answers 404 for an unknown organization and for one the caller is not in", async () => {
    expect((await v1("getOrganization", "GET", "/org_nope999", KEYS.owner)).status).toBe(404);
    expect((await v1("getOrganization", "GET", "/org_abc123", KEYS.outsider)).status).toBe(404);
    expect((await v1("listMembers", "GET", "/org_abc123/members", KEYS.outsider)).status).toBe(404);
  });

  it("answers 404 for an unknown member", async () => {
    const res = await v1("removeMember", "DELETE", "/org_abc123/members/user_999", KEYS.owner);
    expect(res.status).toBe(404);
  });

  it("refuses a duplicate name, compared case-insensitively, on create and rename", async () => {
    tick();
    expect((await v1("createOrganization", "POST", "", KEYS.outsider, { name: "Dup Name" })).status).toBe(
      200,
    );
    expect((await v1("createOrganization", "POST", "", KEYS.owner, { name: "dup NAME" })).status).toBe(409);
    expect(
      (await v1("updateOrganization", "PUT", "/org_abc123", KEYS.owner, { name: "DUP name" })).status,
    ).toBe(409);
    // Renaming an organization to its own name in another case is not a clash.
    expect((await v1("updateOrganization", "PUT", "/org_abc123", KEYS.owner, { name: "ACME" })).status).toBe(
      200,
    );
    expect((await v1("updateOrganization", "PUT", "/org_abc123", KEYS.owner, { name: "Acme" })).status).toBe(
      200,
    );
  });

  it("makes the creator the owner and fills omitted settings with the spec's defaults", async () => {
    const res = await v1("createOrganization", "POST", "", KEYS.member, { name: "Defaults Co" });
    expect(res.body.data).toMatchObject({
      description: null,
      settings: { default_role: "member", allow_public_projects: false },
      owner: { id: "user_202", email: "mia@example.com" },
    });
    const list = await v1("listOrganizations", "GET", "?page_size=100", KEYS.member);
    const mine = (list.body.data.organizations as Array<{ id: string; role: string }>).find(
      (o) => o.id === res.body.data.id,
    );
    expect(mine?.role).toBe("owner");
  });

  it("keeps omitted fields on update and merges settings", async () => {
    const created = await v1("createOrganization", "POST", "", KEYS.owner, {
      name: "Merge Co",
      description: "before",
      settings: { default_role: "admin", allow_public_projects: true },
    });
    const id = created.body.data.id as string;
    const updated = await v1("updateOrganization", "PUT", `/${id}`, KEYS.owner, {
      settings: { allow_public_projects: false },
    });
    expect(updated.body.data).toMatchObject({
      name: "Merge Co",
      description: "before",
      settings: { default_role: "admin", allow_public_projects: false },
    });
  });

  it("refuses to remove or demote the last owner (409) but allows it once there is another", async () => {
    const id = (await v1("createOrganization", "POST", "", KEYS.owner, { name: "Owners Co" })).body.data
      .id as string;
    expect((await v1("removeMember", "DELETE", `/${id}/members/user_200`, KEYS.owner)).status).toBe(409);
    expect(
      (await v1("updateMemberRole", "PUT", `/${id}/members/user_200`, KEYS.owner, { role: "admin" })).status,
    ).toBe(409);
    // Bring in a second owner through an accepted invitation.
    const inv = await v1("createInvitation", "POST", `/${id}/invitations`, KEYS.owner, {
      email: "adam@example.com",
      role: "admin",
    });
    const accepted = await json(
      url(),
      "POST",
      `/_sandbox/invitations/${inv.body.data.invitation_id}/accept`,
      KEYS.outsider,
    );
    expect(accepted.body).toMatchObject({ user_id: "user_201", role: "admin" });
    // Adam had a key already: accepting never hands it to whoever calls.
    expect(accepted.body).not.toHaveProperty("api_key");
    // An admin may not make an owner; the owner may.
    expect(
      (await v1("updateMemberRole", "PUT", `/${id}/members/user_201`, KEYS.admin, { role: "owner" })).status,
    ).toBe(403);
    expect(
      (await v1("updateMemberRole", "PUT", `/${id}/members/user_201`, KEYS.owner, { role: "owner" })).status,
    ).toBe(200);
    const demoted = await v1("updateMemberRole", "PUT", `/${id}/members/user_200`, KEYS.owner, {
      role: "member",
    });
    expect(demoted.body.data).toMatchObject({ id: "user_200", role: "member" });
    expect((await v1("removeMember", "DELETE", `/${id}/members/user_201`, KEYS.admin)).status).toBe(409);
  });

  it("deletes an organization with its members and invitations", async () => {
    const id = (await v1("createOrganization", "POST", "", KEYS.owner, { name: "Doomed Co" })).body.data
      .id as string;
    await v1("createInvitation", "POST", `/${id}/invitations`, KEYS.owner, {
      email: "x@example.com",
      role: "member",
    });
    const inv = await v1("createInvitation", "POST", `/${id}/invitations`, KEYS.owner, {
      email: "mia@example.com",
      role: "member",
    });
    await json(url(), "POST", `/_sandbox/invitations/${inv.body.data.invitation_id}/accept`, KEYS.outsider);
    expect((await v1("getOrganization", "GET", `/${id}`, KEYS.member)).body.data.members_count).toBe(2);
    expect((await v1("deleteOrganization", "DELETE", `/${id}`, KEYS.owner)).status).toBe(200);
    expect((await v1("getOrganization", "GET", `/${id}`, KEYS.owner)).status).toBe(404);
    expect((await v1("listMembers", "GET", `/${id}/members`, KEYS.member)).status).toBe(404);
    const pending = await json(url(), "GET", `/_sandbox/organizations/${id}/invitations`, undefined);
    expect(pending.status).toBe(404);
    expect(sandbox().store.state.organizations.some((o) => o.id === id)).toBe(false);
    // The name is free again.
    expect((await v1("createOrganization", "POST", "", KEYS.owner, { name: "doomed co" })).status).toBe(200);
  });

  it("pages the caller's organizations and an organization's members", async () => {
    for (let i = 0; i < 7; i++)
      await v1("createOrganization", "POST", "", KEYS.outsider, { name: `Paged ${i}` });
    const all = await v1("listOrganizations", "GET", "?page_size=100", KEYS.outsider);
    const total = all.body.data.total as number;
    expect(total).toBeGreaterThanOrEqual(7);
    const pages: string[] = [];
    for (let page = 1; page <= Math.ceil(total / 3); page++) {
      const res = await v1("listOrganizations", "GET", `?page=${page}&page_size=3`, KEYS.outsider);
      expect(res.body.data).toMatchObject({ page, page_size: 3, total });
      pages.push(...(res.body.data.organizations as Array<{ id: string }>).map((o) => o.id));
    }
    expect(pages).toEqual((all.body.data.organizations as Array<{ id: string }>).map((o) => o.id));
    const beyond = await v1("listOrganizations", "GET", "?page=99&page_size=3", KEYS.outsider);
    expect(beyond.body.data).toMatchObject({ organizations: [], total });
    const members = await v1("listMembers", "GET", "/org_abc123/members?page=2&page_size=2", KEYS.member);
    expect(members.body.data).toMatchObject({ total: 4, page: 2, page_size: 2 });
    expect(members.body.data.members).toHaveLength(2);
  });
});

describe("invitations", () => {
  it("are pending for seven days, refuse duplicates while pending, and give way once expired", async () => {
    const sent = clock;
    const first = await v1("createInvitation", "POST", "/org_abc123/invitations", KEYS.admin, {
      email: "newcomer@example.com",
      role: "member",
      message: "Welcome",
    });
    expect(first.body.data).toMatchObject({ status: "pending", email: "newcomer@example.com" });
    expect(Date.parse(first.body.data.expires_at as string) - sent).toBe(7 * DAY);
    const listed = await json(url(), "GET", "/_sandbox/organizations/org_abc123/invitations", undefined);
    expect(listed.body).toMatchObject({ invitations: expect.arrayContaining([first.body.data]) });

    const again = await v1("createInvitation", "POST", "/org_abc123/invitations", KEYS.owner, {
      email: "NEWCOMER@example.com",
      role: "admin",
    });
    expect(again.status).toBe(409);
    expect(
      (
        await v1("createInvitation", "POST", "/org_abc123/invitations", KEYS.owner, {
          email: "mia@example.com",
          role: "member",
        })
      ).status,
    ).toBe(409);

    tick(7 * DAY + 1);
    const afterExpiry = await json(url(), "GET", "/_sandbox/organizations/org_abc123/invitations", undefined);
    expect(
      (afterExpiry.body as { invitations: Array<{ email: string }> }).invitations.map((i) => i.email),
    ).not.toContain("newcomer@example.com");
    const expiredAccept = await json(
      url(),
      "POST",
      `/_sandbox/invitations/${first.body.data.invitation_id}/accept`,
      KEYS.outsider,
    );
    expect(expiredAccept.status).toBe(409);
    const renewed = await v1("createInvitation", "POST", "/org_abc123/invitations", KEYS.owner, {
      email: "newcomer@example.com",
      role: "admin",
    });
    expect(renewed.status).toBe(200);
    expect(renewed.body.data.invitation_id).not.toBe(first.body.data.invitation_id);
  });

  it("v2 invitations expire after seven days and a second invite renews the first", async () => {
    const a = await v2("inviteMembers", "POST", "/members/invite", KEYS.enterpriseAdmin, {
      emails: ["one@example.com", "two@example.com"],
      role: "member",
    });
    expect(a.status).toBe(200);
    const invited = a.body.invited as Array<{ email: string; expires_at: string }>;
    expect(invited.map((i) => i.email)).toEqual(["one@example.com", "two@example.com"]);
    expect(Date.parse(invited[0]?.expires_at ?? "") - clock).toBe(7 * DAY);
    tick(DAY);
    await v2("inviteMembers", "POST", "/members/invite", KEYS.enterpriseAdmin, {
      emails: ["one@example.com"],
      role: "admin",
    });
    const stored = sandbox().store.state.enterpriseInvitations.filter((i) => i.email === "one@example.com");
    expect(stored).toEqual([
      { email: "one@example.com", role: "admin", expiresAt: new Date(clock + 7 * DAY).toISOString() },
    ]);
  });
});

describe("across the two APIs", () => {
  it("an organization created through v2 appears in v1 for its creator, owned by them", async () => {
    const created = await v2("createOrganization", "POST", "/organizations", KEYS.enterpriseAdmin, {
      name: "Made In V2",
      acu_limit: 500,
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const detail = await v1("getOrganization", "GET", `/${id}`, KEYS.enterpriseAdmin);
    expect(detail.body.data).toMatchObject({ id, name: "Made In V2", members_count: 1 });
    const members = await v1("listMembers", "GET", `/${id}/members`, KEYS.enterpriseAdmin);
    expect(members.body.data.members).toEqual([expect.objectContaining({ id: "user_123", role: "owner" })]);
  });

  it("an organization created through v1 takes repository permissions through v2 and holds its name in both", async () => {
    const id = (await v1("createOrganization", "POST", "", KEYS.owner, { name: "Made In V1" })).body.data
      .id as string;
    const grant = await v2(
      "addRepositoryPermission",
      "POST",
      `/organizations/${id}/permissions`,
      KEYS.enterpriseAdmin,
      {
        provider: "github",
        repository: "acme/api",
        permission: "read",
      },
    );
    expect(grant.status).toBe(201);
    expect(grant.body).toMatchObject({ org_id: id, repository: "acme/api", permission: "read" });
    const regrant = await v2(
      "addRepositoryPermission",
      "POST",
      `/organizations/${id}/permissions`,
      KEYS.enterpriseAdmin,
      {
        provider: "github",
        repository: "acme/api",
        permission: "write",
      },
    );
    expect(sandbox().store.state.organizations.find((o) => o.id === id)?.repositoryPermissions).toEqual([
      expect.objectContaining({ id: regrant.body.id, permission: "write" }),
    ]);
    const clash = await v2("createOrganization", "POST", "/organizations", KEYS.enterpriseAdmin, {
      name: "MADE IN V1",
      acu_limit: 1,
    });
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ code: "conflict" });
    expect((await v1("createOrganization", "POST", "", KEYS.owner, { name: "made in v2" })).status).toBe(409);
  });

  it("refuses a permission for an organization that does not exist with 404", async () => {
    const res = await v2(
      "addRepositoryPermission",
      "POST",
      "/organizations/org_missing1/permissions",
      KEYS.enterpriseAdmin,
      {
        provider: "gitlab",
        repository: "a/b",
        permission: "admin",
      },
    );
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: "not_found" });
  });
});

describe("usage data", () => {
  it("lists twelve seeded billing cycles, newest first, the first one current", async () => {
    const res = await v2("listConsumptionCycles", "GET", "/consumption/cycles", KEYS.enterpriseAdmin);
    const cycles = res.body.cycles as Array<{ start_date: string; end_date: string }>;
    expect(cycles).toHaveLength(12);
    const starts = cycles.map((c) => c.start_date);
    expect([...starts].sort().reverse()).toEqual(starts);
    for (const c of cycles) expect(c.start_date <= c.end_date).toBe(true);
  });

  it("pages session insights by limit and offset; a short page is the last", async () => {
    const seen: string[] = [];
    for (let offset = 0; ; offset += 50) {
      const res = await v2(
        "listSessionInsights",
        "GET",
        `/sessions/insights?limit=50&offset=${offset}`,
        KEYS.enterpriseAdmin,
      );
      const sessions = res.body.sessions as Array<{ id: string; created_at: string }>;
      seen.push(...sessions.map((s) => s.id));
      if (sessions.length < 50) break;
    }
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
    const firstPage = await v2("listSessionInsights", "GET", "/sessions/insights", KEYS.enterpriseAdmin);
    expect(firstPage.body.sessions).toHaveLength(50);
    const window = await v2(
      "listSessionInsights",
      "GET",
      "/sessions/insights?limit=3&offset=10",
      KEYS.enterpriseAdmin,
    );
    expect((window.body.sessions as Array<{ id: string }>).map((s) => s.id)).toEqual(seen.slice(10, 13));
  });
});

describe("audit log", () => {
  it("records every mutation, newest first, filtered by start_date, cut by limit and walked by cursor", async () => {
    tick(DAY);
    const since = new Date(clock).toISOString();
    tick();
    const org = await v1("createOrganization", "POST", "", KEYS.owner, { name: "Audited Co" });
    const id = org.body.data.id as string;
    tick();
    await v1("updateOrganization", "PUT", `/${id}`, KEYS.owner, { description: "changed" });
    tick();
    await v1("createInvitation", "POST", `/${id}/invitations`, KEYS.owner, {
      email: "aud@example.com",
      role: "member",
    });
    tick();
    await v2("addRepositoryPermission", "POST", `/organizations/${id}/permissions`, KEYS.enterpriseAdmin, {
      provider: "bitbucket",
      repository: "acme/web",
      permission: "read",
    });
    tick();
    await v1("deleteOrganization", "DELETE", `/${id}`, KEYS.owner);
    // Refused requests write nothing.
    await v1("deleteOrganization", "DELETE", `/${id}`, KEYS.owner);
    await v1("createOrganization", "POST", "", KEYS.owner, { name: "" });

    const all = await v2(
      "listAuditLogs",
      "GET",
      `/audit-logs?start_date=${encodeURIComponent(since)}`,
      KEYS.enterpriseAdmin,
    );
    const logs = all.body.logs as Array<{
      action: string;
      actor: string;
      target?: string;
      timestamp: string;
    }>;
    expect(logs.map((l) => l.action)).toEqual([
      "organization.delete",
      "repository_permission.add",
      "member.invite",
      "organization.update",
      "organization.create",
    ]);
    expect(logs[0]).toMatchObject({ actor: "olivia@example.com", target: id });
    expect(logs[1]).toMatchObject({ actor: "alice@example.com" });
    expect(all.body.next_cursor).toBeNull();

    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `start_date=${encodeURIComponent(since)}&limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const page = await v2("listAuditLogs", "GET", `/audit-logs?${q}`, KEYS.enterpriseAdmin);
      const entries = page.body.logs as Array<{ action: string }>;
      expect(entries.length).toBeLessThanOrEqual(2);
      walked.push(...entries.map((e) => e.action));
      cursor = page.body.next_cursor as string | null;
    } while (cursor);
    expect(walked).toEqual(logs.map((l) => l.action));

    const later = new Date(Date.parse(logs[1]?.timestamp ?? "")).toISOString();
    const recent = await v2(
      "listAuditLogs",
      "GET",
      `/audit-logs?start_date=${encodeURIComponent(later)}`,
      KEYS.enterpriseAdmin,
    );
    expect((recent.body.logs as Array<{ action: string }>).map((l) => l.action)).toEqual([
      "organization.delete",
      "repository_permission.add",
    ]);
    const bad = await v2("listAuditLogs", "GET", "/audit-logs?cursor=made-up", KEYS.enterpriseAdmin);
    expect(bad.status).toBe(422);
  });

  it("without start_date covers the last 30 days", async () => {
    tick(31 * DAY);
    const res = await v2("listAuditLogs", "GET", "/audit-logs", KEYS.enterpriseAdmin);
    expect(res.body.logs).toEqual([]);
    await v2("inviteMembers", "POST", "/members/invite", KEYS.enterpriseAdmin, {
      emails: ["late@example.com"],
      role: "member",
    });
    const after = await v2("listAuditLogs", "GET", "/audit-logs", KEYS.enterpriseAdmin);
    expect(after.body.logs).toEqual([
      expect.objectContaining({ action: "member.invite", target: "late@example.com" }),
    ]);
  });
});

describe("rate limit", () => {
  it("is off by default", async () => {
    const statuses = await Promise.all(
      Array.from({ length: 60 }, () => json(url(), "GET", `${V2}/consumption/cycles`, KEYS.enterpriseAdmin)),
    );
    expect(statuses.every((r) => r.status === 200)).toBe(true);
  });

  it("answers 429 with Retry-After once a key's bucket is empty, per key, and refills on the sandbox's clock", async () => {
    // The bucket reads the injected clock, so however slowly the requests go, it refills only when
    // the test moves the clock.
    let limitedClock = Date.parse("2025-03-10T12:00:00Z");
    const limited = await startSandbox({
      rateLimit: { capacity: 3, refillPerSecond: 0.5 },
      now: () => new Date(limitedClock),
    });
    try {
      const burst = [];
      for (let i = 0; i < 4; i++)
        burst.push(await json(limited.url, "GET", `${V2}/members`, KEYS.enterpriseAdmin));
      expect(burst.map((r) => r.status)).toEqual([200, 200, 200, 429]);
      const last = burst[3];
      expectDocumented("enterprise", "listMembers", 429, last?.body);
      expect(last?.headers["retry-after"]).toBe("2");
      // Another key has its own bucket.
      expect((await json(limited.url, "GET", `${V2}/members`, KEYS.owner)).status).toBe(403);
      // v1 documents no 429 and is not limited.
      expect((await json(limited.url, "GET", V1, KEYS.enterpriseAdmin)).status).toBe(200);
      // One token back after two seconds, and only one.
      limitedClock += 2000;
      expect((await json(limited.url, "GET", `${V2}/members`, KEYS.enterpriseAdmin)).status).toBe(200);
      expect((await json(limited.url, "GET", `${V2}/members`, KEYS.enterpriseAdmin)).status).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
