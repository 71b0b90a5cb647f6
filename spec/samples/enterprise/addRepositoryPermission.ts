import { createEnterpriseClient } from "@orgadmin/client";

// ORGADMIN_BASE_URL unset: production (https://api.devin.ai/v2/enterprise).
const client = createEnterpriseClient({
  apiKey: process.env.DEVIN_API_KEY ?? "",
  baseUrl: process.env.ORGADMIN_BASE_URL,
});

const permission = await client.POST("/organizations/{org_id}/permissions", {
  params: { path: { org_id: "org_abc123" } },
  body: { provider: "github", repository: "org/repo-name", permission: "read" },
});
console.log(`权限已添加: ${JSON.stringify(permission)}`);
