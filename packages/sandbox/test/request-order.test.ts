// A request is authorized on the state as it is when it acts, not as it was when its headers
// arrived: each test holds a request's body back, changes the caller's rights with another request,
// then lets the body finish.
import { describe, expect, it } from "vitest";
import { json, KEYS, useSandbox } from "./support/sandbox.js";
import { slowRequest } from "./support/slow-request.js";

const sandbox = useSandbox();
const V1 = "/v1/organizations";

let counter = 0;
/** A fresh organization owned by olivia, with the members given (existing seeded users). */
async function organization(members: Array<{ email: string; role: "admin" | "member" }>): Promise<string> {
  counter += 1;
  const created = await json(sandbox().url, "POST", V1, KEYS.owner, { name: `Order ${counter}` });
  const id = (created.body as { data: { id: string } }).data.id;
  for (const m of members) {
    const inv = await json(sandbox().url, "POST", `${V1}/${id}/invitations`, KEYS.owner, m);
    const invitationId = (inv.body as { data: { invitation_id: string } }).data.invitation_id;
    const accepted = await json(
      sandbox().url,
      "POST",
      `/_sandbox/invitations/${invitationId}/accept`,
      KEYS.outsider,
    );
    expect(accepted.status).toBe(200);
  }
  return id;
}

const roleOf = async (orgId: string, userId: string): Promise<string | undefined> => {
  const res = await json(sandbox().url, "GET", `${V1}/${orgId}/members?page_size=100`, KEYS.owner);
  const members = (res.body as { data: { members: Array<{ id: string; role: string }> } }).data.members;
  return members.find((m) => m.id === userId)?.role;
};

const latestAudit = async (): Promise<string | undefined> => {
  const res = await json(sandbox().url, "GET", "/v2/enterprise/audit-logs?limit=1", KEYS.enterpriseAdmin);
  return (res.body as { logs: Array<{ action: string }> }).logs[0]?.action;
};

describe("authorization on the state the request acts on", () => {
  it("refuses an admin's role change when the owner removed the admin while the body was arriving", async () => {
    const id = await organization([
      { email: "adam@example.com", role: "admin" },
      { email: "mia@example.com", role: "member" },
    ]);
    const change = slowRequest(sandbox().url, "PUT", `${V1}/${id}/members/user_202`, KEYS.admin, {
      role: "admin",
    });
    await change.started;
    expect((await json(sandbox().url, "DELETE", `${V1}/${id}/members/user_201`, KEYS.owner)).status).toBe(
      200,
    );
    const res = await change.finish();
    // Adam is no longer in the organization: for him it does not exist.
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ status_code: 404, status_message: "NOT_FOUND" });
    expect(await roleOf(id, "user_202")).toBe("member");
    expect(await latestAudit()).toBe("member.remove");
  });

  it("refuses an owner's promotion to owner when that owner was demoted while the body was arriving", async () => {
    const id = await organization([
      { email: "alice@example.com", role: "admin" },
      { email: "adam@example.com", role: "member" },
    ]);
    // Alice becomes a second owner, so she may demote Olivia.
    const promoted = await json(sandbox().url, "PUT", `${V1}/${id}/members/user_123`, KEYS.owner, {
      role: "owner",
    });
    expect(promoted.status).toBe(200);
    const promotion = slowRequest(sandbox().url, "PUT", `${V1}/${id}/members/user_201`, KEYS.owner, {
      role: "owner",
    });
    await promotion.started;
    const demoted = await json(sandbox().url, "PUT", `${V1}/${id}/members/user_200`, KEYS.enterpriseAdmin, {
      role: "admin",
    });
    expect(demoted.status).toBe(200);
    const res = await promotion.finish();
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ status_code: 403, status_message: "FORBIDDEN" });
    expect(await roleOf(id, "user_201")).toBe("member");
    expect(await latestAudit()).toBe("member.update_role");
  });

  it.each([
    ["an update", "PUT", "", { description: "too late" }],
    ["an invitation", "POST", "/invitations", { email: "late@example.com", role: "member" }],
  ])("refuses %s of an organization deleted while the body was arriving", async (_, method, sub, body) => {
    const id = await organization([]);
    const request = slowRequest(sandbox().url, method, `${V1}/${id}${sub}`, KEYS.owner, body);
    await request.started;
    expect((await json(sandbox().url, "DELETE", `${V1}/${id}`, KEYS.owner)).status).toBe(200);
    const res = await request.finish();
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ status_code: 404, status_message: "NOT_FOUND" });
    // Nothing was acknowledged, so nothing was written after the deletion.
    expect(await latestAudit()).toBe("organization.delete");
  });
});
