// One valid, typed call per documented operation. The suite iterates the operations of the
// bundled spec and looks each up here, so an operation added to the spec without a call fails.
import type { EnterpriseClient, OrganizationsClient } from "@orgadmin/client";

/** One call; it resolves to what the client gives its caller (the payload) or rejects with its error. */
export type Call<C> = (client: C, headers: Record<string, string>, ids: CallIds) => Promise<unknown>;

export const ORG_ID = "org_abc123";
export const MEMBER_ID = "user_123";

/** What a call acts on. Against the mock these are fixed; against a real server see lifecycle.ts. */
export interface CallIds {
  /** The organization the organization-scoped calls act on (v1, and v2's repository permission). */
  orgId: string;
  /** The member updateMemberRole and removeMember act on. */
  memberId: string;
  /** The organization deleteOrganization removes. */
  disposableOrgId: string;
  /** The caller's own user id, learned from the organization it creates; never acted on. */
  callerId: string;
  /** Set against a real server, one per API and run: keeps new names and addresses new. */
  runTag: string | undefined;
}

export const MOCK_IDS: Readonly<CallIds> = {
  orgId: ORG_ID,
  memberId: MEMBER_ID,
  disposableOrgId: ORG_ID,
  runTag: undefined,
  callerId: "",
};

const tagged = (name: string, ids: CallIds): string => (ids.runTag ? `${name} ${ids.runTag}` : name);
const taggedEmail = (local: string, ids: CallIds): string =>
  `${local}${ids.runTag ? `+${ids.runTag}` : ""}@example.com`;

export const enterpriseCalls: Record<string, Call<EnterpriseClient>> = {
  listMembers: (c, headers) => c.GET("/members", { headers }),
  inviteMembers: (c, headers) =>
    c.POST("/members/invite", {
      body: { emails: ["ana@example.com", "li@example.com"], role: "member" },
      headers,
    }),
  createOrganization: (c, headers, ids) =>
    c.POST("/organizations", { body: { name: tagged("Platform", ids), acu_limit: 1000 }, headers }),
  addRepositoryPermission: (c, headers, ids) =>
    c.POST("/organizations/{org_id}/permissions", {
      params: { path: { org_id: ids.orgId } },
      body: { provider: "github", repository: "acme/api", permission: "write" },
      headers,
    }),
  listConsumptionCycles: (c, headers) => c.GET("/consumption/cycles", { headers }),
  listSessionInsights: (c, headers) =>
    c.GET("/sessions/insights", { params: { query: { limit: 20, offset: 40 } }, headers }),
  listAuditLogs: (c, headers) =>
    c.GET("/audit-logs", {
      params: { query: { start_date: "2024-02-01T00:00:00Z", limit: 100, cursor: "c_42" } },
      headers,
    }),
};

const organization = (ids: CallIds) => ({ organization_id: ids.orgId });

export const organizationsCalls: Record<string, Call<OrganizationsClient>> = {
  createOrganization: (c, headers, ids) =>
    c.POST("/v1/organizations", {
      body: {
        name: tagged("Platform", ids),
        description: null,
        settings: { default_role: "member", allow_public_projects: false },
      },
      headers,
    }),
  listOrganizations: (c, headers) =>
    c.GET("/v1/organizations", { params: { query: { page: 2, page_size: 25 } }, headers }),
  getOrganization: (c, headers, ids) =>
    c.GET("/v1/organizations/{organization_id}", { params: { path: organization(ids) }, headers }),
  updateOrganization: (c, headers, ids) =>
    c.PUT("/v1/organizations/{organization_id}", {
      params: { path: organization(ids) },
      body: {
        description: "Runs the platform",
        settings: { default_role: "admin", allow_public_projects: true },
      },
      headers,
    }),
  deleteOrganization: (c, headers, ids) =>
    c.DELETE("/v1/organizations/{organization_id}", {
      params: { path: { organization_id: ids.disposableOrgId } },
      headers,
    }),
  createInvitation: (c, headers, ids) =>
    c.POST("/v1/organizations/{organization_id}/invitations", {
      params: { path: organization(ids) },
      body: { email: taggedEmail("ana", ids), role: "admin", message: "Welcome" },
      headers,
    }),
  listMembers: (c, headers, ids) =>
    c.GET("/v1/organizations/{organization_id}/members", {
      params: { path: organization(ids), query: { page: 1, page_size: 100 } },
      headers,
    }),
  updateMemberRole: (c, headers, ids) =>
    c.PUT("/v1/organizations/{organization_id}/members/{member_id}", {
      params: { path: { ...organization(ids), member_id: ids.memberId } },
      body: { role: "admin" },
      headers,
    }),
  removeMember: (c, headers, ids) =>
    c.DELETE("/v1/organizations/{organization_id}/members/{member_id}", {
      params: { path: { ...organization(ids), member_id: ids.memberId } },
      headers,
    }),
};
