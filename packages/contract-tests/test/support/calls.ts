// One valid, typed call per documented operation. The suite iterates the operations of the
// bundled spec and looks each up here, so an operation added to the spec without a call fails.
import type { EnterpriseClient, FetchResult, OrganizationsClient } from "@orgadmin/client";

export type Call<C> = (client: C, headers: Record<string, string>) => Promise<FetchResult<unknown>>;

export const ORG_ID = "org_abc123";
export const MEMBER_ID = "user_123";

export const enterpriseCalls: Record<string, Call<EnterpriseClient>> = {
  listMembers: (c, headers) => c.GET("/members", { headers }),
  inviteMembers: (c, headers) =>
    c.POST("/members/invite", {
      body: { emails: ["ana@example.com", "li@example.com"], role: "member" },
      headers,
    }),
  createOrganization: (c, headers) =>
    c.POST("/organizations", { body: { name: "Platform", acu_limit: 1000 }, headers }),
  addRepositoryPermission: (c, headers) =>
    c.POST("/organizations/{org_id}/permissions", {
      params: { path: { org_id: ORG_ID } },
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

const organization = { organization_id: ORG_ID };

export const organizationsCalls: Record<string, Call<OrganizationsClient>> = {
  createOrganization: (c, headers) =>
    c.POST("/v1/organizations", {
      body: {
        name: "Platform",
        description: null,
        settings: { default_role: "member", allow_public_projects: false },
      },
      headers,
    }),
  listOrganizations: (c, headers) =>
    c.GET("/v1/organizations", { params: { query: { page: 2, page_size: 25 } }, headers }),
  getOrganization: (c, headers) =>
    c.GET("/v1/organizations/{organization_id}", { params: { path: organization }, headers }),
  updateOrganization: (c, headers) =>
    c.PUT("/v1/organizations/{organization_id}", {
      params: { path: organization },
      body: {
        description: "Runs the platform",
        settings: { default_role: "admin", allow_public_projects: true },
      },
      headers,
    }),
  deleteOrganization: (c, headers) =>
    c.DELETE("/v1/organizations/{organization_id}", { params: { path: organization }, headers }),
  createInvitation: (c, headers) =>
    c.POST("/v1/organizations/{organization_id}/invitations", {
      params: { path: organization },
      body: { email: "ana@example.com", role: "admin", message: "Welcome" },
      headers,
    }),
  listMembers: (c, headers) =>
    c.GET("/v1/organizations/{organization_id}/members", {
      params: { path: organization, query: { page: 1, page_size: 100 } },
      headers,
    }),
  updateMemberRole: (c, headers) =>
    c.PUT("/v1/organizations/{organization_id}/members/{member_id}", {
      params: { path: { ...organization, member_id: MEMBER_ID } },
      body: { role: "admin" },
      headers,
    }),
  removeMember: (c, headers) =>
    c.DELETE("/v1/organizations/{organization_id}/members/{member_id}", {
      params: { path: { ...organization, member_id: MEMBER_ID } },
      headers,
    }),
};
