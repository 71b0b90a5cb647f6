import { createOrganizationsClient } from "@orgadmin/client";

const client = createOrganizationsClient({
  apiKey: process.env.DEVIN_API_KEY ?? "",
  baseUrl: process.env.ORGADMIN_BASE_URL ?? "http://127.0.0.1:4020",
});

const org = await client.PUT("/v1/organizations/{organization_id}", {
  params: { path: { organization_id: "org_abc123" } },
  body: {
    name: "新组织名称",
    description: "新组织描述",
    settings: { default_role: "member", allow_public_projects: true },
  },
});
console.log(`已更新组织: ${org.name}`);
