// A small consumer of the client swagger-typescript-api generates from the Enterprise admin API v2 bundle.
import { Api } from "./enterprise.js";

export async function memberEmails(key: string): Promise<string[]> {
  const api = new Api({ baseApiParams: { headers: { Authorization: `Bearer ${key}` } } });
  const { data } = await api.members.listMembers();
  // @ts-expect-error a payload is the operation's own type, never `any`
  const wrong: number = data;
  // @ts-expect-error an invitation needs at least its addresses
  await api.members.inviteMembers({ role: "member" });
  return [String(wrong), ...data.members.map((m) => m.email)];
}
