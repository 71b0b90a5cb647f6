// The app's own code under test: a few things an admin dashboard does with the orgadmin APIs.
import { type EnterpriseClient, listAllOrganizations, type OrganizationsClient } from "@orgadmin/client";

/** Every organization the caller belongs to, by name, walking every page. */
export async function organizationNames(client: OrganizationsClient, pageSize = 10): Promise<string[]> {
  const names: string[] = [];
  for await (const org of listAllOrganizations(client, { pageSize })) names.push(org.name);
  return names;
}

/** Deletes an organization; the API's refusal is thrown as the client's error for its status. */
export async function closeOrganization(client: OrganizationsClient, organizationId: string): Promise<void> {
  await client.DELETE("/v1/organizations/{organization_id}", {
    params: { path: { organization_id: organizationId } },
  });
}

/** Creates an organization and returns its id. */
export async function openOrganization(client: OrganizationsClient, name: string): Promise<string> {
  return (await client.POST("/v1/organizations", { body: { name } })).id;
}

/** The e-mail addresses of the enterprise's members. */
export async function enterpriseEmails(client: EnterpriseClient): Promise<string[]> {
  return (await client.GET("/members")).members.map((m) => m.email);
}
