// Calls the spec forbids do not compile through the client; calls it allows do, with typed answers.
// These functions are type-checked, never run.
import type { EnterpriseClient, OrganizationsClient } from "@orgadmin/client";
import type { Role } from "@orgadmin/client/organizations";
import { describe, expectTypeOf, it } from "vitest";

declare const enterprise: EnterpriseClient;
declare const organizations: OrganizationsClient;
const org = { organization_id: "org_abc123" };

describe("Enterprise requests the spec forbids", () => {
  it("need every required body field", () => {
    // @ts-expect-error acu_limit is required
    void enterprise.POST("/organizations", { body: { name: "Platform" } });
  });

  it("need the documented types", () => {
    // @ts-expect-error acu_limit is an integer, not a string
    void enterprise.POST("/organizations", { body: { name: "Platform", acu_limit: "1000" } });
    // @ts-expect-error limit is a number
    void enterprise.GET("/sessions/insights", { params: { query: { limit: "10" } } });
    // @ts-expect-error role is admin or member
    void enterprise.POST("/members/invite", { body: { emails: ["a@example.com"], role: "owner" } });
  });

  it("need the path parameters and documented paths", () => {
    // @ts-expect-error org_id is required
    void enterprise.POST("/organizations/{org_id}/permissions", {
      body: { provider: "github", repository: "acme/api", permission: "read" },
    });
    // @ts-expect-error no such path in the contract
    void enterprise.GET("/members/123");
  });

  it("answers with the documented shapes", async () => {
    const members = (await enterprise.GET("/members")).members;
    expectTypeOf(members[0]?.email).toEqualTypeOf<string | undefined>();
    expectTypeOf(members[0]?.name).toEqualTypeOf<string | null | undefined>();
    const org201 = await enterprise.POST("/organizations", { body: { name: "P", acu_limit: 1 } });
    // Required only where the seed reads the field (`org['id']`); the rest may be absent.
    expectTypeOf(org201.id).toEqualTypeOf<string>();
    expectTypeOf(org201.acu_limit).toEqualTypeOf<number | undefined>();
  });
});

describe("Organizations requests the spec forbids", () => {
  it("need page_size as a number", () => {
    // @ts-expect-error page_size is an integer, not a string
    void organizations.GET("/v1/organizations", { params: { query: { page_size: "10" } } });
  });

  it("need a documented role and a name", () => {
    void organizations.PUT("/v1/organizations/{organization_id}/members/{member_id}", {
      params: { path: { ...org, member_id: "user_123" } },
      // @ts-expect-error superuser is not a role
      body: { role: "superuser" },
    });
    // @ts-expect-error name is required
    void organizations.POST("/v1/organizations", { body: { description: "no name" } });
  });

  it("answers with the envelope's data", async () => {
    const detail = await organizations.GET("/v1/organizations/{organization_id}", { params: { path: org } });
    expectTypeOf(detail.members_count).toEqualTypeOf<number>();
    expectTypeOf(detail.settings.default_role).toEqualTypeOf<"admin" | "member">();
    const page = await organizations.GET("/v1/organizations");
    expectTypeOf(page.organizations[0]?.role).toEqualTypeOf<Role | undefined>();
  });
});

describe("Organizations requests the spec allows", () => {
  it("accept a partial settings update (omitted fields keep their value)", () => {
    // OrganizationSettingsInput requires no field; the client must not demand both.
    void organizations.PUT("/v1/organizations/{organization_id}", {
      params: { path: org },
      body: { settings: { allow_public_projects: true } },
    });
    void organizations.POST("/v1/organizations", {
      body: { name: "Platform", settings: { default_role: "admin" } },
    });
  });
});
