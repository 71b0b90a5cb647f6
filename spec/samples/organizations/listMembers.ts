import { createOrganizationsClient } from "@orgadmin/client";

const client = createOrganizationsClient({
  apiKey: process.env.DEVIN_API_KEY ?? "",
  baseUrl: process.env.ORGADMIN_BASE_URL ?? "http://127.0.0.1:4020",
});

const { members } = await client.GET("/v1/organizations/{organization_id}/members", {
  params: { path: { organization_id: "org_abc123" }, query: { page: 1, page_size: 10 } },
});
for (const member of members) {
  console.log(`${member.email} - ${member.role}`);
}
