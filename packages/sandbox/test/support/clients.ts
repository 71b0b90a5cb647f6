// @orgadmin/client wired to a sandbox, as a downstream team would build it.
import { createEnterpriseClient, createOrganizationsClient } from "@orgadmin/client";
import type { Sandbox } from "../../src/server.js";

export const v1Client = (sandbox: Sandbox, apiKey: string) =>
  createOrganizationsClient({ apiKey, baseUrl: sandbox.url, maxRetries: 0 });

export const v2Client = (sandbox: Sandbox, apiKey: string) =>
  createEnterpriseClient({ apiKey, baseUrl: sandbox.enterpriseUrl, maxRetries: 0 });

/** The sandbox-only step no API offers: the invitee accepts, and gets a key if they had none. */
export async function acceptInvitation(
  sandbox: Sandbox,
  invitationId: string,
): Promise<{ user_id: string; api_key: string }> {
  const res = await fetch(`${sandbox.url}/_sandbox/invitations/${invitationId}/accept`, {
    method: "POST",
    // Any sandbox user's key: the endpoint changes state, so it takes a key like the API.
    headers: { Authorization: "Bearer sandbox-outsider" },
  });
  if (res.status !== 200) throw new Error(`accept ${invitationId}: HTTP ${res.status}`);
  return (await res.json()) as { user_id: string; api_key: string };
}
