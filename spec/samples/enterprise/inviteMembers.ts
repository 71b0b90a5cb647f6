import { createEnterpriseClient } from "@orgadmin/client";

// ORGADMIN_BASE_URL unset: production (https://api.devin.ai/v2/enterprise).
const client = createEnterpriseClient({
  apiKey: process.env.DEVIN_API_KEY ?? "",
  baseUrl: process.env.ORGADMIN_BASE_URL,
});

const result = await client.POST("/members/invite", {
  body: { emails: ["user1@example.com", "user2@example.com"], role: "member" },
});
console.log(`Invited ${result.invited.length} members`);
