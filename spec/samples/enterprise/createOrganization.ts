import { createEnterpriseClient } from "@orgadmin/client";

// ORGADMIN_BASE_URL unset: production (https://api.devin.ai/v2/enterprise).
const client = createEnterpriseClient({
  apiKey: process.env.DEVIN_API_KEY ?? "",
  baseUrl: process.env.ORGADMIN_BASE_URL,
});

const org = await client.POST("/organizations", { body: { name: "工程团队", acu_limit: 1000 } });
console.log(`已创建组织: ${org.id}`);
