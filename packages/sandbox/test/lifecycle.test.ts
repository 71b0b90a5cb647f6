// The full lifecycle through @orgadmin/client: create → invite → list → change role → remove → delete.
import { listAllAuditLogs, listAllMembers, OrganizationsNotFoundError } from "@orgadmin/client";
import { describe, expect, it } from "vitest";
import { acceptInvitation, v1Client, v2Client } from "./support/clients.js";
import { KEYS, useSandbox } from "./support/sandbox.js";

const sandbox = useSandbox();

describe("organization lifecycle through the client", () => {
  it("creates, invites, lists, changes a role, removes a member and deletes the organization", async () => {
    const startedAt = new Date().toISOString();
    const owner = v1Client(sandbox(), KEYS.owner);

    const org = await owner.POST("/v1/organizations", {
      body: {
        name: "Lifecycle Co",
        description: "end to end",
        settings: { default_role: "member", allow_public_projects: false },
      },
    });
    expect(org).toMatchObject({ name: "Lifecycle Co", owner: { email: "olivia@example.com" } });
    const path = { organization_id: org.id };

    const invitation = await owner.POST("/v1/organizations/{organization_id}/invitations", {
      params: { path },
      body: { email: "dana@example.com", role: "member", message: "Join us" },
    });
    expect(invitation).toMatchObject({ email: "dana@example.com", role: "member", status: "pending" });
    const dana = await acceptInvitation(sandbox(), invitation.invitation_id);

    const members = [];
    for await (const m of listAllMembers(owner, org.id, { pageSize: 1 })) members.push(m);
    expect(members.map((m) => [m.email, m.role])).toEqual([
      ["olivia@example.com", "owner"],
      ["dana@example.com", "member"],
    ]);

    // The new member sees the organization, with the role they were invited with.
    const danaClient = v1Client(sandbox(), dana.api_key);
    const seen = await danaClient.GET("/v1/organizations", { params: { query: {} } });
    expect(seen.organizations).toEqual([expect.objectContaining({ id: org.id, role: "member" })]);

    const promoted = await owner.PUT("/v1/organizations/{organization_id}/members/{member_id}", {
      params: { path: { ...path, member_id: dana.user_id } },
      body: { role: "admin" },
    });
    expect(promoted).toMatchObject({ id: dana.user_id, role: "admin" });
    // As an admin, Dana may now update the organization.
    const renamed = await danaClient.PUT("/v1/organizations/{organization_id}", {
      params: { path },
      body: { name: "Lifecycle Inc" },
    });
    expect(renamed.name).toBe("Lifecycle Inc");

    const removed = await owner.DELETE("/v1/organizations/{organization_id}/members/{member_id}", {
      params: { path: { ...path, member_id: dana.user_id } },
    });
    expect(removed.message).toBeTruthy();
    const after = await owner.GET("/v1/organizations/{organization_id}", { params: { path } });
    expect(after.members_count).toBe(1);
    const gone = await danaClient
      .GET("/v1/organizations/{organization_id}", { params: { path } })
      .catch((e) => e);
    expect(gone).toMatchObject({ status: 404 });

    await owner.DELETE("/v1/organizations/{organization_id}", { params: { path } });
    const error = await owner
      .GET("/v1/organizations/{organization_id}", { params: { path } })
      .catch((e) => e);
    expect(error).toBeInstanceOf(OrganizationsNotFoundError);
    expect(error).toMatchObject({ status: 404, statusCode: 404, statusMessage: "NOT_FOUND" });

    // Every step is in the audit log, newest first.
    const admin = v2Client(sandbox(), KEYS.enterpriseAdmin);
    const actions = [];
    for await (const entry of listAllAuditLogs(admin, { startDate: startedAt, pageSize: 2 }))
      actions.push(entry.action);
    expect(actions).toEqual([
      "organization.delete",
      "member.remove",
      "organization.update",
      "member.update_role",
      "invitation.accept",
      "member.invite",
      "organization.create",
    ]);
  });

  it("runs the Enterprise admin quick examples against live state", async () => {
    const admin = v2Client(sandbox(), KEYS.enterpriseAdmin);
    const before = await admin.GET("/members");
    const created = await admin.POST("/organizations", { body: { name: "工程团队", acu_limit: 1000 } });
    expect(created).toMatchObject({ name: "工程团队", acu_limit: 1000 });
    const invited = await admin.POST("/members/invite", {
      body: { emails: ["user1@example.com", "user2@example.com"], role: "member" },
    });
    expect(invited.invited.map((i) => i.email)).toEqual(["user1@example.com", "user2@example.com"]);
    const grant = await admin.POST("/organizations/{org_id}/permissions", {
      params: { path: { org_id: created.id } },
      body: { provider: "github", repository: "org/repo-name", permission: "read" },
    });
    expect(grant).toMatchObject({ org_id: created.id, provider: "github" });
    const cycles = await admin.GET("/consumption/cycles");
    expect(cycles.cycles[0]?.acus_used).toBe(412.5);
    expect((await admin.GET("/members")).members).toEqual(before.members);
    // The organization made through v2 is there in v1 for its creator.
    const v1 = await v1Client(sandbox(), KEYS.enterpriseAdmin).GET("/v1/organizations/{organization_id}", {
      params: { path: { organization_id: created.id } },
    });
    expect(v1.name).toBe("工程团队");
  });
});
