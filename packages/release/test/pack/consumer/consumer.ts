// A downstream project's code: both clients, their paging helpers, errors and type exports, and the
// sandbox's seeded keys, imported exactly as published.
import { ApiError } from "@orgadmin/client";
import { createEnterpriseClient, type Member, type Role } from "@orgadmin/client/enterprise";
import {
  createOrganizationsClient,
  listAllOrganizations,
  type OrganizationSummary,
} from "@orgadmin/client/organizations";
import { SEED_KEYS, type SeedKey } from "@orgadmin/sandbox";

export interface Answers {
  enterpriseMembers: Array<{ email: string; role: Role }>;
  organizations: OrganizationSummary[];
  unauthorizedStatus: number | undefined;
}

export async function run(enterpriseUrl: string, organizationsUrl: string): Promise<Answers> {
  const enterprise = createEnterpriseClient({ apiKey: "test-key", baseUrl: enterpriseUrl, maxRetries: 0 });
  const members: Member[] = (await enterprise.GET("/members")).members;

  const organizationsClient = createOrganizationsClient({ apiKey: "test-key", baseUrl: organizationsUrl });
  const organizations: OrganizationSummary[] = [];
  for await (const org of listAllOrganizations(organizationsClient, { pageSize: 20 }))
    organizations.push(org);
  const one = organizations[0];
  if (one)
    await organizationsClient.GET("/v1/organizations/{organization_id}", {
      params: { path: { organization_id: one.id } },
    });

  // The mock asks for a bearer token; a client without one must surface a typed 401.
  let unauthorizedStatus: number | undefined;
  const anonymous = createEnterpriseClient({
    apiKey: "test-key",
    baseUrl: enterpriseUrl,
    maxRetries: 0,
    fetch: (input, init) => {
      const request = new Request(input, init);
      request.headers.delete("authorization");
      return fetch(request);
    },
  });
  try {
    await anonymous.GET("/members");
  } catch (error) {
    if (error instanceof ApiError) unauthorizedStatus = error.status;
  }

  return {
    enterpriseMembers: members.map(({ email, role }) => ({ email, role })),
    organizations,
    unauthorizedStatus,
  };
}

export interface SandboxAnswers {
  organization: { id: string; name: string };
  enterpriseMemberEmails: string[];
}

function seededKey(key: SeedKey["key"]): string {
  const found = SEED_KEYS.find((k) => k.key === key);
  if (!found) throw new Error(`@orgadmin/sandbox seeds no key ${key}`);
  return found.key;
}

/** Both APIs of a running sandbox (`<url>/v1/organizations…`, `<url>/v2/enterprise/…`) through the client. */
export async function askSandbox(url: string): Promise<SandboxAnswers> {
  const orgs = createOrganizationsClient({ apiKey: seededKey("sandbox-owner"), baseUrl: url });
  const organization = await orgs.GET("/v1/organizations/{organization_id}", {
    params: { path: { organization_id: "org_abc123" } },
  });
  const enterprise = createEnterpriseClient({
    apiKey: seededKey("sandbox-enterprise-admin"),
    baseUrl: `${url}/v2/enterprise`,
    maxRetries: 0,
  });
  const { members } = await enterprise.GET("/members");
  return {
    organization: { id: organization.id, name: organization.name },
    enterpriseMemberEmails: members.map((m) => m.email),
  };
}

// Calls the spec does not allow must not compile.
export async function forbidden(url: string): Promise<void> {
  const enterprise = createEnterpriseClient({ apiKey: "k", baseUrl: url });
  // @ts-expect-error: no such path in the Enterprise admin API
  await enterprise.GET("/no-such-path");
  // @ts-expect-error: `name` and `acu_limit` are required
  await enterprise.POST("/organizations", { body: {} });
}
