// Every cell of the role × operation matrix, through @orgadmin/client. The expected matrix is the
// seed document's table; the test first proves the spec's x-orgadmin-permission says the same, then
// that the server enforces it: allowed cells succeed and take effect, refused ones get 403 and change
// nothing.
import {
  EnterpriseAuthenticationError,
  EnterprisePermissionDeniedError,
  type OrganizationsClient,
  OrganizationsNotFoundError,
  OrganizationsPermissionDeniedError,
} from "@orgadmin/client";
import { loadContract, permissionMatrix, readBundle, rolesAllowedOnMember } from "@orgadmin/spec/contract";
import { beforeAll, describe, expect, it } from "vitest";
import { compileApi } from "../src/operations.js";
import { acceptInvitation, answerOf, v1Client, v2Client } from "./support/clients.js";
import { expectDocumented } from "./support/responses.js";
import { KEYS, useSandbox } from "./support/sandbox.js";

type Role = "owner" | "admin" | "member";
const ROLES: Role[] = ["owner", "admin", "member"];

/** The seed's permission matrix, by the operation that performs each action. */
const SEED_MATRIX: Record<string, Role[]> = {
  getOrganization: ["owner", "admin", "member"], // view organization
  updateOrganization: ["owner", "admin"], // update organization
  deleteOrganization: ["owner"], // delete organization
  createInvitation: ["owner", "admin"], // invite members
  listMembers: ["owner", "admin", "member"], // list members
  updateMemberRole: ["owner", "admin"], // manage members (role change)
  removeMember: ["owner", "admin"], // manage members (removal)
};

const sandbox = useSandbox();
const KEY_OF: Record<Role, string> = { owner: KEYS.owner, admin: KEYS.admin, member: KEYS.member };

interface Fixture {
  orgId: string;
  /** A plain member the member-management operations act on. */
  targetId: string;
}

let counter = 0;
/** A fresh organization: olivia owner, adam admin, mia member, plus one more member as a target. */
async function fixture(): Promise<Fixture> {
  counter += 1;
  const owner = v1Client(sandbox(), KEYS.owner);
  const org = await owner.POST("/v1/organizations", { body: { name: `Matrix ${counter}` } });
  const orgId = org.id;
  const path = { organization_id: orgId };
  const join = async (email: string, role: "admin" | "member") => {
    const inv = await owner.POST("/v1/organizations/{organization_id}/invitations", {
      params: { path },
      body: { email, role },
    });
    return acceptInvitation(sandbox(), inv.invitation_id);
  };
  await join("adam@example.com", "admin");
  await join("mia@example.com", "member");
  const target = await join(`target${counter}@example.com`, "member");
  return { orgId, targetId: target.user_id };
}

const calls: Record<string, (c: OrganizationsClient, f: Fixture) => Promise<unknown>> = {
  getOrganization: (c, f) =>
    c.GET("/v1/organizations/{organization_id}", { params: { path: { organization_id: f.orgId } } }),
  updateOrganization: (c, f) =>
    c.PUT("/v1/organizations/{organization_id}", {
      params: { path: { organization_id: f.orgId } },
      body: { description: "changed" },
    }),
  deleteOrganization: (c, f) =>
    c.DELETE("/v1/organizations/{organization_id}", { params: { path: { organization_id: f.orgId } } }),
  createInvitation: (c, f) =>
    c.POST("/v1/organizations/{organization_id}/invitations", {
      params: { path: { organization_id: f.orgId } },
      body: { email: "invitee@example.com", role: "member" },
    }),
  listMembers: (c, f) =>
    c.GET("/v1/organizations/{organization_id}/members", { params: { path: { organization_id: f.orgId } } }),
  updateMemberRole: (c, f) =>
    c.PUT("/v1/organizations/{organization_id}/members/{member_id}", {
      params: { path: { organization_id: f.orgId, member_id: f.targetId } },
      body: { role: "admin" },
    }),
  removeMember: (c, f) =>
    c.DELETE("/v1/organizations/{organization_id}/members/{member_id}", {
      params: { path: { organization_id: f.orgId, member_id: f.targetId } },
    }),
};

/** What an allowed call must have changed (reads change nothing). */
const effects: Record<string, (f: Fixture) => void> = {
  getOrganization: () => {},
  listMembers: () => {},
  updateOrganization: (f) => expect(orgState(f)?.description).toBe("changed"),
  deleteOrganization: (f) => expect(orgState(f)).toBeUndefined(),
  createInvitation: (f) =>
    expect(orgState(f)?.invitations.map((i) => i.email)).toEqual(["invitee@example.com"]),
  updateMemberRole: (f) =>
    expect(orgState(f)?.members.find((m) => m.userId === f.targetId)?.role).toBe("admin"),
  removeMember: (f) => expect(orgState(f)?.members.some((m) => m.userId === f.targetId)).toBe(false),
};

const orgState = (f: Fixture) => sandbox().store.state.organizations.find((o) => o.id === f.orgId);

describe("the v1 permission matrix", () => {
  it("is what the spec's x-orgadmin-permission declares", () => {
    const api = compileApi(loadContract("organizations"));
    const scoped = Object.fromEntries(
      api.operations
        .filter((op) => op.permission?.scope === "organization")
        .map((op) => [op.operationId, op.permission?.roles]),
    );
    expect(scoped).toEqual(SEED_MATRIX);
    const account = api.operations
      .filter((op) => op.permission?.scope === "account")
      .map((op) => op.operationId);
    expect(account.sort()).toEqual(["createOrganization", "listOrganizations"]);
  });

  const cells = Object.keys(SEED_MATRIX).flatMap((operationId) =>
    ROLES.map((role) => ({ operationId, role, allowed: SEED_MATRIX[operationId]?.includes(role) ?? false })),
  );
  it("has a cell for each of the 7 organization-scoped operations × 3 roles", () => {
    expect(cells).toHaveLength(21);
  });

  it.each(cells)("$operationId as $role → allowed: $allowed", async ({ operationId, role, allowed }) => {
    const f = await fixture();
    const before = JSON.stringify(orgState(f));
    const call = calls[operationId];
    if (!call) throw new Error(`no call for ${operationId}`);
    const { status, body, error } = await answerOf(
      (fetch) => v1Client(sandbox(), KEY_OF[role], fetch),
      (c) => call(c, f),
    );
    expectDocumented("organizations", operationId, status, body);
    if (allowed) {
      expect(status).toBe(200);
      expect(error).toBeUndefined();
      effects[operationId]?.(f);
    } else {
      expect(status).toBe(403);
      expect(body).toMatchObject({ status_code: 403, status_message: "FORBIDDEN" });
      expect(error).toBeInstanceOf(OrganizationsPermissionDeniedError);
      expect(JSON.stringify(orgState(f))).toBe(before);
    }
  });

  it.each(Object.keys(SEED_MATRIX))(
    "%s by someone outside the organization → 404, nothing changed",
    async (operationId) => {
      const f = await fixture();
      const before = JSON.stringify(orgState(f));
      const call = calls[operationId];
      if (!call) throw new Error(`no call for ${operationId}`);
      const { status, error } = await answerOf(
        (fetch) => v1Client(sandbox(), KEYS.outsider, fetch),
        (c) => call(c, f),
      );
      expect(status).toBe(404);
      expect(error).toBeInstanceOf(OrganizationsNotFoundError);
      expect(JSON.stringify(orgState(f))).toBe(before);
    },
  );

  it.each(Object.keys(SEED_MATRIX))("%s without a valid key → 401", async (operationId) => {
    const f = await fixture();
    const call = calls[operationId];
    if (!call) throw new Error(`no call for ${operationId}`);
    const { status, body } = await answerOf(
      (fetch) => v1Client(sandbox(), "sk-unknown", fetch),
      (c) => call(c, f),
    );
    expect(status).toBe(401);
    expect(body).toMatchObject({ status_code: 401, status_message: "UNAUTHORIZED" });
  });

  it.each([KEYS.owner, KEYS.admin, KEYS.member, KEYS.outsider])(
    "account-scoped operations are open to %s",
    async (key) => {
      const { status } = await answerOf(
        (fetch) => v1Client(sandbox(), key, fetch),
        (c) => c.POST("/v1/organizations", { body: { name: `Own ${key}` } }),
      );
      expect(status).toBe(200);
      const list = await v1Client(sandbox(), key).GET("/v1/organizations", {
        params: { query: { page_size: 100 } },
      });
      expect(list.organizations.map((o) => o.name)).toContain(`Own ${key}`);
    },
  );
});

describe("only an owner makes or unmakes an owner (target_roles in x-orgadmin-permission)", () => {
  const rows = Object.fromEntries(
    permissionMatrix(readBundle("organizations")).map((r) => [r.operationId, r]),
  );

  it("is what the spec declares for changing a member's role and removing a member", () => {
    expect(rows.updateMemberRole?.target_roles).toEqual({ owner: ["owner"] });
    expect(rows.removeMember?.target_roles).toEqual({ owner: ["owner"] });
  });

  /** The target's role before the call and, for a role change, the role it is given. */
  const cases = [
    { operationId: "updateMemberRole", before: "owner", after: "admin" }, // demote an owner
    { operationId: "updateMemberRole", before: "member", after: "owner" }, // make an owner
    { operationId: "removeMember", before: "owner", after: undefined }, // remove an owner
  ] as const;
  const cells = cases.flatMap((c) =>
    (["owner", "admin"] as const).map((role) => {
      const row = rows[c.operationId];
      if (!row) throw new Error(`${c.operationId} is not in the matrix`);
      const targetRoles = c.after ? [c.before, c.after] : [c.before];
      return { ...c, role, allowed: rolesAllowedOnMember(row, targetRoles).includes(role) };
    }),
  );
  it("lets only an owner act on an owner or make one", () => {
    expect(cells.filter((c) => c.allowed).map((c) => c.role)).toEqual(["owner", "owner", "owner"]);
  });

  it.each(cells)(
    "$operationId on a member who is $before (→ $after) as $role → allowed: $allowed",
    async ({ operationId, before, after, role, allowed }) => {
      const f = await fixture();
      const owner = v1Client(sandbox(), KEYS.owner);
      const path = { organization_id: f.orgId, member_id: f.targetId };
      if (before === "owner") {
        const promoted = await owner.PUT("/v1/organizations/{organization_id}/members/{member_id}", {
          params: { path },
          body: { role: "owner" },
        });
        expect(promoted.role).toBe("owner");
      }
      const result = await answerOf(
        (fetch) => v1Client(sandbox(), KEY_OF[role], fetch),
        (client) =>
          operationId === "removeMember"
            ? client.DELETE("/v1/organizations/{organization_id}/members/{member_id}", { params: { path } })
            : client.PUT("/v1/organizations/{organization_id}/members/{member_id}", {
                params: { path },
                body: { role: after ?? "member" },
              }),
      );
      expectDocumented("organizations", operationId, result.status, result.body);
      const members = await owner.GET("/v1/organizations/{organization_id}/members", {
        params: { path: { organization_id: f.orgId }, query: { page_size: 100 } },
      });
      const target = members.members.find((m) => m.id === f.targetId);
      if (allowed) {
        expect(result.status).toBe(200);
        if (operationId === "removeMember") expect(target).toBeUndefined();
        else expect(target?.role).toBe(after);
      } else {
        expect(result.status).toBe(403);
        expect(result.error).toBeInstanceOf(OrganizationsPermissionDeniedError);
        expect(result.body).toMatchObject({
          status_code: 403,
          status_message: "FORBIDDEN",
          data: { message: expect.stringMatching(/^Only a member with the role \w+ may /) },
        });
        expect(target?.role).toBe(before);
      }
    },
  );
});

describe("the v2 admin gate", () => {
  let orgId = "";
  beforeAll(async () => {
    const res = await v2Client(sandbox(), KEYS.enterpriseAdmin).POST("/organizations", {
      body: { name: "Gate Co", acu_limit: 1 },
    });
    orgId = res.id;
  });

  const v2calls: Record<string, (c: ReturnType<typeof v2Client>) => Promise<unknown>> = {
    listMembers: (c) => c.GET("/members"),
    inviteMembers: (c) =>
      c.POST("/members/invite", { body: { emails: ["gate@example.com"], role: "member" } }),
    createOrganization: (c) =>
      c.POST("/organizations", { body: { name: `Gate ${Math.random()}`, acu_limit: 1 } }),
    addRepositoryPermission: (c) =>
      c.POST("/organizations/{org_id}/permissions", {
        params: { path: { org_id: orgId } },
        body: { provider: "github", repository: "a/b", permission: "read" },
      }),
    listConsumptionCycles: (c) => c.GET("/consumption/cycles"),
    listSessionInsights: (c) => c.GET("/sessions/insights", { params: { query: {} } }),
    listAuditLogs: (c) => c.GET("/audit-logs", { params: { query: {} } }),
  };
  const v2cells = Object.keys(v2calls).flatMap((operationId) =>
    [
      { key: KEYS.enterpriseAdmin, expected: "2xx" },
      { key: KEYS.owner, expected: 403 },
      { key: KEYS.admin, expected: 403 },
      { key: KEYS.member, expected: 403 },
      { key: KEYS.outsider, expected: 403 },
      { key: "sk-unknown", expected: 401 },
    ].map((cell) => ({ operationId, ...cell })),
  );

  it("covers every v2 operation of the spec", () => {
    const ids = compileApi(loadContract("enterprise")).operations.map((op) => op.operationId);
    expect(Object.keys(v2calls).sort()).toEqual(ids.sort());
  });

  it.each(v2cells)("$operationId with $key → $expected", async ({ operationId, key, expected }) => {
    const before = JSON.stringify(sandbox().store.state);
    const call = v2calls[operationId];
    if (!call) throw new Error(`no call for ${operationId}`);
    const { status, error } = await answerOf((fetch) => v2Client(sandbox(), key, fetch), call);
    if (expected === "2xx") {
      expect(status === 200 || status === 201).toBe(true);
    } else {
      expect(status).toBe(expected);
      expect(error).toBeInstanceOf(
        expected === 401 ? EnterpriseAuthenticationError : EnterprisePermissionDeniedError,
      );
      expect(JSON.stringify(sandbox().store.state)).toBe(before);
    }
  });
});
