// 列出 Enterprise 成员 — list the Enterprise members.
import { unwrap } from "@orgadmin/client";
import { enterpriseClient } from "./env.js";

const client = enterpriseClient();
const { members } = unwrap(await client.GET("/members"));
for (const member of members) {
  console.log(`${member.email} - ${member.role}`);
}
