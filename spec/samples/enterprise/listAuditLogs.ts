import { createEnterpriseClient } from "@orgadmin/client";

// ORGADMIN_BASE_URL unset: production (https://api.devin.ai/v2/enterprise).
const client = createEnterpriseClient({
  apiKey: process.env.DEVIN_API_KEY ?? "",
  baseUrl: process.env.ORGADMIN_BASE_URL,
});

const startDate = new Date(Date.now() - 7 * 24 * 60 * 60 * 1000).toISOString();
const { logs } = await client.GET("/audit-logs", {
  params: { query: { start_date: startDate, limit: 100 } },
});
for (const log of logs) {
  console.log(`${log.timestamp} - ${log.action} by ${log.actor}`);
}
