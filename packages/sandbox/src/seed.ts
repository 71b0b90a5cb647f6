// The documented starting data: one user per role, an Enterprise admin, two organizations, usage
// history. The people, roles and organizations are data (starting-data.json), checked at load
// against the contract's own schemas (roles, settings), so no role is named in code.
import { createSchemaCompiler } from "@orgadmin/spec/portable";
import { DOCUMENTS } from "./documents.js";
import raw from "./starting-data.json" with { type: "json" };
import type { DefaultRole, EnterpriseRole, OrgRole, State, User } from "./state.js";

export interface SeedKey {
  key: string;
  email: string;
  use: string;
}

interface StartingData {
  keys: SeedKey[];
  /** The Enterprise role of a new user given none: an invitee who accepts, a seeded user. */
  newUserEnterpriseRole: EnterpriseRole;
  users: Array<Pick<User, "id" | "email" | "name" | "enterpriseRole" | "apiKey">>;
  organizations: Array<{
    id: string;
    name: string;
    settings: { default_role: DefaultRole; allow_public_projects: boolean };
    members: Array<{ userId: string; role: OrgRole }>;
  }>;
  insights: string[];
}

/** The starting data, each role and setting checked against the schema the contract gives it. */
function checked(data: typeof raw): StartingData {
  const v1 = createSchemaCompiler(DOCUMENTS.organizations, "urn:orgadmin:starting-data:v1");
  const v2 = createSchemaCompiler(DOCUMENTS.enterprise, "urn:orgadmin:starting-data:v2");
  const problems: string[] = [];
  const check = (compiler: typeof v1, schema: string, value: unknown, where: string) => {
    if (!compiler.compile(`/components/schemas/${schema}`)(value))
      problems.push(`${where}: ${JSON.stringify(value)} is no ${schema}`);
  };
  check(v2, "EnterpriseRole", data.newUserEnterpriseRole, "newUserEnterpriseRole");
  for (const u of data.users) check(v2, "EnterpriseRole", u.enterpriseRole, `user ${u.id}`);
  for (const org of data.organizations) {
    check(v1, "OrganizationSettings", org.settings, `organization ${org.id} settings`);
    for (const m of org.members) check(v1, "Role", m.role, `organization ${org.id} member ${m.userId}`);
  }
  if (problems.length > 0) throw new Error(`starting-data.json breaks the contract:\n${problems.join("\n")}`);
  return data as StartingData;
}

export const STARTING_DATA: StartingData = checked(raw);

/** The keys printed at start-up and listed in the README. */
export const SEED_KEYS: readonly SeedKey[] = STARTING_DATA.keys;

const DAY = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString();
const day = (d: Date): string => d.toISOString().slice(0, 10);

/** A fresh state as of `now`: deterministic apart from timestamps. */
export function seedState(now: Date): State {
  const t = now.getTime();
  const users: User[] = STARTING_DATA.users.map((u) => ({
    ...u,
    username: u.email.split("@")[0] ?? u.id,
    joinedAt: iso(t - 400 * DAY),
  }));
  const created = iso(t - 300 * DAY);
  const organizations = STARTING_DATA.organizations.map((org) => ({
    id: org.id,
    name: org.name,
    description: `${org.name} (seeded)`,
    settings: { ...org.settings },
    acuLimit: 1000,
    projectsCount: 3,
    createdAt: created,
    updatedAt: created,
    // The spec's example ids (org_abc123, user_123) name a real membership.
    members: org.members.map((m) => ({ ...m, joinedAt: created, updatedAt: created })),
    invitations: [],
    repositoryPermissions: [],
  }));
  const cycles = Array.from({ length: 12 }, (_, i) => {
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i + 1, 0));
    return {
      start_date: day(start),
      end_date: day(end),
      acus_used: i === 0 ? 412.5 : 900 + ((i * 37) % 200),
    };
  });
  const insights = STARTING_DATA.insights;
  const sessions = Array.from({ length: 120 }, (_, i) => ({
    id: `session_${String(120 - i).padStart(4, "0")}`,
    insight: insights[i % insights.length] ?? "Session completed.",
    created_at: iso(t - (i + 1) * 3_600_000),
  }));
  return {
    version: 1,
    nextId: 1000,
    users,
    organizations,
    enterpriseInvitations: [],
    audit: [],
    cycles,
    sessions,
  };
}
