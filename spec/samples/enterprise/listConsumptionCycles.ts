import { createEnterpriseClient } from "@orgadmin/client";

// ORGADMIN_BASE_URL unset: production (https://api.devin.ai/v2/enterprise).
const client = createEnterpriseClient({
  apiKey: process.env.DEVIN_API_KEY ?? "",
  baseUrl: process.env.ORGADMIN_BASE_URL,
});

const { cycles } = await client.GET("/consumption/cycles");
const current = cycles[0];
if (current) {
  console.log(`当前周期:${current.start_date} 至 ${current.end_date}`);
  console.log(`已使用 ACU:${current.acus_used}`);
}
