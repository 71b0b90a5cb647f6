// A small consumer of the client @hey-api/openapi-ts generates from the Organizations API v1 bundle.
import { client } from "./organizations/client.gen.js";
import { getOrganization, updateMemberRole, updateOrganization } from "./organizations/sdk.gen.js";
import type { OrganizationSettingsUpdate } from "./organizations/types.gen.js";

export async function renameAndOpen(key: string): Promise<string | undefined> {
  client.setConfig({ headers: { Authorization: `Bearer ${key}` } });
  const path = { organization_id: "org_abc123" };
  const { data } = await getOrganization({ path });
  // The envelope's constants are typed (a `const` with its `type`), and `data` is the organization.
  const ok: 200 | undefined = data?.status_code;
  const name: string | undefined = data?.data.name;
  // A partial settings update: no field is required and none has a default.
  const settings: OrganizationSettingsUpdate = { allow_public_projects: true };
  await updateOrganization({ path, body: { settings } });
  // @ts-expect-error the contract knows no such role
  await updateMemberRole({ path: { ...path, member_id: "user_123" }, body: { role: "superuser" } });
  return ok === 200 ? name : undefined;
}
