// A consumer of both clients: what the spec allows compiles, what it forbids does not.
import { describe, expectTypeOf, it } from "vitest";
import {
  type AuditLogEntry,
  EnterpriseApiError,
  type ErrorBody as EnterpriseErrorBody,
  type Member as EnterpriseMember,
  type EnterpriseNotFoundError,
  type Role as EnterpriseRole,
} from "../src/enterprise.js";
import {
  type ApiError,
  type ClientOptions,
  createEnterpriseClient,
  createOrganizationsClient,
  listAllAuditLogs,
  listAllMembers,
  type OrgadminError,
} from "../src/index.js";
import {
  type ErrorEnvelope,
  type Member,
  type OrganizationDetail,
  OrganizationsApiError,
  type OrganizationsNotFoundError,
  type Role,
} from "../src/organizations.js";

const enterprise = createEnterpriseClient({ apiKey: "k" });
const orgs = createOrganizationsClient({ apiKey: "k", baseUrl: "https://api.example.com" });

describe("options", () => {
  it("take the API key from the environment when omitted, and need a base URL for the Organizations API", () => {
    createEnterpriseClient();
    createEnterpriseClient({});
    // @ts-expect-error baseUrl is required for the Organizations API
    createOrganizationsClient({ apiKey: "k" });
    // @ts-expect-error maxRetries is a number
    createEnterpriseClient({ apiKey: "k", maxRetries: "2" });
    expectTypeOf<ClientOptions>().toHaveProperty("timeoutMs").toEqualTypeOf<number | undefined>();
  });
});

describe("Enterprise admin API v2", () => {
  it("resolves each call to its success body, typed from the spec", async () => {
    const { members } = await enterprise.GET("/members");
    expectTypeOf(members).toEqualTypeOf<EnterpriseMember[]>();
    expectTypeOf<EnterpriseRole>().toEqualTypeOf<"admin" | "member">();
    const org = await enterprise.POST("/organizations", { body: { name: "工程团队", acu_limit: 1000 } });
    expectTypeOf(org.id).toBeString();
    // Required only where the seed reads the field (`org['id']`): the others may be absent.
    expectTypeOf(org.acu_limit).toEqualTypeOf<number | undefined>();
  });

  it("rejects calls the spec forbids", async () => {
    // @ts-expect-error no such path
    await enterprise.GET("/member");
    // @ts-expect-error /members is not a POST
    await enterprise.POST("/members", { body: {} });
    // @ts-expect-error acu_limit is required
    await enterprise.POST("/organizations", { body: { name: "x" } });
    // @ts-expect-error role must be admin or member
    await enterprise.POST("/members/invite", { body: { emails: ["a@example.com"], role: "owner" } });
    await enterprise.POST("/organizations/{org_id}/permissions", {
      params: { path: { org_id: "o" } },
      // @ts-expect-error provider is one of github, gitlab, bitbucket
      body: { provider: "svn", repository: "o/r", permission: "read" },
    });
    // @ts-expect-error the path parameter is required
    await enterprise.POST("/organizations/{org_id}/permissions", {
      body: { provider: "github", repository: "o/r", permission: "read" },
    });
    // @ts-expect-error limit is a number
    await enterprise.GET("/sessions/insights", { params: { query: { limit: "50" } } });
  });

  it("pages to typed items", () => {
    expectTypeOf(listAllAuditLogs(enterprise)).toEqualTypeOf<
      AsyncGenerator<AuditLogEntry, void, undefined>
    >();
    expectTypeOf<AuditLogEntry["target"]>().toEqualTypeOf<string | undefined>();
    // @ts-expect-error an Organizations client cannot page Enterprise audit logs
    listAllAuditLogs(orgs);
  });
});

describe("Organizations API v1", () => {
  it("unwraps the envelope to typed data", async () => {
    const detail = await orgs.GET("/v1/organizations/{organization_id}", {
      params: { path: { organization_id: "o" } },
    });
    expectTypeOf(detail).toEqualTypeOf<OrganizationDetail>();
    expectTypeOf(detail.members_count).toBeNumber();
    const page = await orgs.GET("/v1/organizations", { params: { query: { page: 1, page_size: 10 } } });
    // Read as text, a call resolves to the text.
    expectTypeOf(await orgs.GET("/v1/organizations", { parseAs: "text" })).toEqualTypeOf<string>();
    expectTypeOf(page.organizations[0]?.role).toEqualTypeOf<Role | undefined>();
    expectTypeOf<Role>().toEqualTypeOf<"owner" | "admin" | "member">();
  });

  it("rejects calls the spec forbids", async () => {
    // @ts-expect-error organization_id is required
    await orgs.GET("/v1/organizations/{organization_id}", { params: { path: {} } });
    await orgs.PUT("/v1/organizations/{organization_id}/members/{member_id}", {
      params: { path: { organization_id: "o", member_id: "m" } },
      // @ts-expect-error role must be owner, admin or member
      body: { role: "superuser" },
    });
    // @ts-expect-error there is no PATCH on organizations
    await orgs.PATCH("/v1/organizations/{organization_id}", { params: { path: { organization_id: "o" } } });
    // @ts-expect-error Enterprise paths do not exist on this client
    await orgs.GET("/members");
  });

  it("pages to typed members", () => {
    expectTypeOf(listAllMembers(orgs, "o")).toEqualTypeOf<AsyncGenerator<Member, void, undefined>>();
  });
});

describe("errors typed by API", () => {
  it("type the v2 error code and the v1 envelope where the caller narrows", async () => {
    const error: unknown = undefined;
    if (error instanceof EnterpriseApiError) {
      expectTypeOf(error.code).toEqualTypeOf<EnterpriseErrorBody["code"] | undefined>();
      expectTypeOf<NonNullable<EnterpriseApiError["code"]>>().toEqualTypeOf<
        | "bad_request"
        | "invalid_api_key"
        | "insufficient_permissions"
        | "validation_failed"
        | "rate_limited"
        | "not_found"
        | "conflict"
        | "method_not_allowed"
        | "request_timeout"
        | "content_too_large"
        | "headers_too_large"
        | "internal_error"
        | "service_unavailable"
      >();
      expectTypeOf(error).toMatchTypeOf<ApiError>();
    }
    if (error instanceof OrganizationsApiError) {
      expectTypeOf(error.envelope).toEqualTypeOf<ErrorEnvelope | undefined>();
      // The contract's messages are offered; another string from a server still fits.
      expectTypeOf<"NOT_FOUND">().toMatchTypeOf<NonNullable<OrganizationsApiError["statusMessage"]>>();
      expectTypeOf(error).toMatchTypeOf<ApiError>();
    }
  });

  it("have a class per documented status under each API's class, all OrgadminErrors", () => {
    expectTypeOf<EnterpriseNotFoundError>().toMatchTypeOf<EnterpriseApiError>();
    expectTypeOf<OrganizationsNotFoundError>().toMatchTypeOf<OrganizationsApiError>();
    expectTypeOf<EnterpriseApiError>().toMatchTypeOf<OrgadminError>();
  });
});

describe("errors", () => {
  it("carry the documented fields", () => {
    expectTypeOf<ApiError>().toMatchTypeOf<Error>();
    expectTypeOf<ApiError["status"]>().toBeNumber();
    expectTypeOf<ApiError["requestId"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<ApiError["retryAfterMs"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<OrganizationsApiError["statusCode"]>().toEqualTypeOf<number | undefined>();
  });
});
