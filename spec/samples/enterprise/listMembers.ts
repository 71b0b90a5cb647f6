import { createEnterpriseClient } from "@orgadmin/client";

// ORGADMIN_BASE_URL unset: production (https://api.devin.ai/v2/enterprise).
const client = createEnterpriseClient({
  apiKey: process.env.DEVIN_API_KEY ?? "",
  baseUrl: process.env.ORGADMIN_BASE_URL,
});

const { members } = await client.GET("/members");
for (const member of members) {
  console.log(`${member.email} - ${member.role}`);
}
