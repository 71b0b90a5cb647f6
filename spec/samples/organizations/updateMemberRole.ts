import { createOrganizationsClient } from "@orgadmin/client";

const client = createOrganizationsClient({
  apiKey: process.env.DEVIN_API_KEY ?? "",
  baseUrl: process.env.ORGADMIN_BASE_URL ?? "http://127.0.0.1:4020",
});

const member = await client.PUT("/v1/organizations/{organization_id}/members/{member_id}", {
  params: { path: { organization_id: "org_abc123", member_id: "user_123" } },
  body: { role: "admin" },
});
console.log(`${member.email} is now ${member.role}`);
