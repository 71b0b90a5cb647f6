// List the Enterprise members.
import { enterpriseClient } from "./env.js";

const client = enterpriseClient();
const { members } = await client.GET("/members");
for (const member of members) {
  console.log(`${member.email} - ${member.role}`);
}
