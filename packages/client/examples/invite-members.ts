// Invite people to the Enterprise account.
import { enterpriseClient } from "./env.js";

const client = enterpriseClient();
const result = await client.POST("/members/invite", {
  body: { emails: ["user1@example.com", "user2@example.com"], role: "member" },
});
console.log(`Invited ${result.invited.length} members`);
