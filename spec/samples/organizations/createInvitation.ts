import { createOrganizationsClient } from "@orgadmin/client";

const client = createOrganizationsClient({
  apiKey: process.env.DEVIN_API_KEY ?? "",
  baseUrl: process.env.ORGADMIN_BASE_URL ?? "http://127.0.0.1:4020",
});

const invitation = await client.POST("/v1/organizations/{organization_id}/invitations", {
  params: { path: { organization_id: "org_abc123" } },
  body: { email: "newmember@example.com", role: "member", message: "欢迎加入我们的组织" },
});
console.log(`已邀请 ${invitation.email}, 有效期至 ${invitation.expires_at}`);
