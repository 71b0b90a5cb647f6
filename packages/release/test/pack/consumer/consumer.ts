// A downstream project's code: both clients, their paging helpers, errors and type exports,
// imported exactly as published.
import { ApiError, unwrap, unwrapEnvelope } from "@orgadmin/client";
import { createEnterpriseClient, type Member, type Role } from "@orgadmin/client/enterprise";
import {
  createOrganizationsClient,
  listAllOrganizations,
  type OrganizationSummary,
} from "@orgadmin/client/organizations";

export interface Answers {
  enterpriseMembers: Array<{ email: string; role: Role }>;
  organizations: OrganizationSummary[];
  unauthorizedStatus: number | undefined;
}

export async function run(enterpriseUrl: string, organizationsUrl: string): Promise<Answers> {
  const enterprise = createEnterpriseClient({ apiKey: "test-key", baseUrl: enterpriseUrl, maxRetries: 0 });
  const members: Member[] = unwrap(await enterprise.GET("/members")).members;

  const organizationsClient = createOrganizationsClient({ apiKey: "test-key", baseUrl: organizationsUrl });
  const organizations: OrganizationSummary[] = [];
  for await (const org of listAllOrganizations(organizationsClient, { pageSize: 20 }))
    organizations.push(org);
  const one = organizations[0];
  if (one)
    unwrapEnvelope(
      await organizationsClient.GET("/v1/organizations/{organization_id}", {
        params: { path: { organization_id: one.id } },
      }),
    );

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
    unwrap(await anonymous.GET("/members"));
  } catch (error) {
    if (error instanceof ApiError) unauthorizedStatus = error.status;
  }

  return {
    enterpriseMembers: members.map(({ email, role }) => ({ email, role })),
    organizations,
    unauthorizedStatus,
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
