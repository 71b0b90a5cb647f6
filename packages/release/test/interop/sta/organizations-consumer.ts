// A small consumer of the client swagger-typescript-api generates from the Organizations API v1 bundle.
import { Api } from "./organizations.js";

export async function organizationName(key: string): Promise<string> {
  const api = new Api({ baseApiParams: { headers: { Authorization: `Bearer ${key}` } } });
  const { data: body } = await api.v1.getOrganization("org_abc123");
  const ok: 200 = body.status_code;
  // @ts-expect-error a v1 payload is the operation's own type, never `any`
  const wrong: number = body.data;
  // @ts-expect-error a field of the payload keeps its type
  const count: string = body.data.members_count;
  const { data: page } = await api.v1.listMembers("org_abc123", { page: 1 });
  const first = page.data.members[0];
  // @ts-expect-error the contract knows no such role
  await api.v1.updateMemberRole("org_abc123", "user_123", { role: "superuser" });
  return `${ok} ${wrong} ${count} ${first?.email ?? ""} ${body.data.name}`;
}
