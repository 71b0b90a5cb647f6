import { createOrganizationsClient } from "@orgadmin/client";

const client = createOrganizationsClient({
  apiKey: process.env.DEVIN_API_KEY ?? "",
  baseUrl: process.env.ORGADMIN_BASE_URL ?? "http://127.0.0.1:4020",
});

const result = await client.DELETE("/v1/organizations/{organization_id}", {
  params: { path: { organization_id: "org_abc123" } },
});
console.log(result.message);
