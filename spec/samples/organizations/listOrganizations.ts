import { createOrganizationsClient } from "@orgadmin/client";

const client = createOrganizationsClient({
  apiKey: process.env.DEVIN_API_KEY ?? "",
  baseUrl: process.env.ORGADMIN_BASE_URL ?? "http://127.0.0.1:4020",
});

const { organizations, total } = await client.GET("/v1/organizations", {
  params: { query: { page: 1, page_size: 10 } },
});
for (const org of organizations) {
  console.log(`${org.id} - ${org.name}`);
}
console.log(`${total} in all`);
