// Give an organization read access to a repository.
import { enterpriseClient } from "./env.js";

const client = enterpriseClient();
const orgId = process.env.ORGADMIN_ORG_ID ?? "org_abc123";
const permission = await client.POST("/organizations/{org_id}/permissions", {
  params: { path: { org_id: orgId } },
  body: { provider: "github", repository: "org/repo-name", permission: "read" },
});
console.log(`Granted ${permission.permission} on ${permission.repository} to ${orgId}: ${permission.id}`);
