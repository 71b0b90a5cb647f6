import { createEnterpriseClient } from "@orgadmin/client";

// ORGADMIN_BASE_URL unset: production (https://api.devin.ai/v2/enterprise).
const client = createEnterpriseClient({
  apiKey: process.env.DEVIN_API_KEY ?? "",
  baseUrl: process.env.ORGADMIN_BASE_URL,
});

const { sessions } = await client.GET("/sessions/insights", { params: { query: { limit: 50, offset: 0 } } });
for (const session of sessions) {
  console.log(`Session ${session.id}: ${session.insight}`);
}
