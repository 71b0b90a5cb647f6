import { createOrganizationsClient } from "@orgadmin/client";

const client = createOrganizationsClient({
  apiKey: process.env.DEVIN_API_KEY ?? "",
  baseUrl: process.env.ORGADMIN_BASE_URL ?? "http://127.0.0.1:4020",
});

const org = await client.POST("/v1/organizations", {
  body: {
    name: "我的组织",
    description: "组织描述",
    settings: { default_role: "member", allow_public_projects: false },
  },
});
console.log(`已创建组织: ${org.id}`);
