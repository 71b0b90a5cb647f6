// The documented seed: one user per role, an Enterprise admin, two organizations, usage history.
import type { State, User } from "./state.js";

export interface SeedKey {
  key: string;
  email: string;
  use: string;
}

/** The keys printed at start-up and listed in the README. */
export const SEED_KEYS: readonly SeedKey[] = [
  {
    key: "sandbox-enterprise-admin",
    email: "alice@example.com",
    use: "v2 Enterprise admin; v1 co-owner of org_abc123",
  },
  { key: "sandbox-owner", email: "olivia@example.com", use: "v1 owner of org_abc123" },
  { key: "sandbox-admin", email: "adam@example.com", use: "v1 admin of org_abc123" },
  { key: "sandbox-member", email: "mia@example.com", use: "v1 member of org_abc123" },
  { key: "sandbox-outsider", email: "oscar@example.com", use: "v1 user in no organization; v2 non-admin" },
];

const DAY = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString();
const day = (d: Date): string => d.toISOString().slice(0, 10);

const INSIGHTS = [
  "Refactored the billing module; tests added for the proration edge cases.",
  "Investigated a flaky integration test and pinned the failing dependency.",
  "Migrated the settings page to the new form components.",
  "Added retries with backoff to the webhook sender.",
  "Wrote a runbook for rotating the database credentials.",
];

/** A fresh state as of `now`: deterministic apart from timestamps. */
export function seedState(now: Date): State {
  const t = now.getTime();
  const user = (
    id: string,
    email: string,
    name: string | null,
    role: User["enterpriseRole"],
    key: string,
  ) => ({
    id,
    email,
    username: email.split("@")[0] ?? id,
    name,
    enterpriseRole: role,
    joinedAt: iso(t - 400 * DAY),
    apiKey: key,
  });
  const users: User[] = [
    user("user_123", "alice@example.com", "Alice Chen", "admin", "sandbox-enterprise-admin"),
    user("user_200", "olivia@example.com", "Olivia Owner", "member", "sandbox-owner"),
    user("user_201", "adam@example.com", "Adam Admin", "member", "sandbox-admin"),
    user("user_202", "mia@example.com", null, "member", "sandbox-member"),
    user("user_203", "oscar@example.com", null, "member", "sandbox-outsider"),
  ];
  const created = iso(t - 300 * DAY);
  const member = (userId: string, role: "owner" | "admin" | "member") => ({
    userId,
    role,
    joinedAt: created,
    updatedAt: created,
  });
  const org = (id: string, name: string, members: ReturnType<typeof member>[]) => ({
    id,
    name,
    description: `${name} (seeded)`,
    settings: { default_role: "member" as const, allow_public_projects: false },
    acuLimit: 1000,
    projectsCount: 3,
    createdAt: created,
    updatedAt: created,
    members,
    invitations: [],
    repositoryPermissions: [],
  });
  const cycles = Array.from({ length: 12 }, (_, i) => {
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i + 1, 0));
    return {
      start_date: day(start),
      end_date: day(end),
      acus_used: i === 0 ? 412.5 : 900 + ((i * 37) % 200),
    };
  });
  const sessions = Array.from({ length: 120 }, (_, i) => ({
    id: `session_${String(120 - i).padStart(4, "0")}`,
    insight: INSIGHTS[i % INSIGHTS.length] ?? "Session completed.",
    created_at: iso(t - (i + 1) * 3_600_000),
  }));
  return {
    version: 1,
    nextId: 1000,
    users,
    organizations: [
      org("org_abc123", "Acme", [
        member("user_200", "owner"),
        member("user_201", "admin"),
        member("user_202", "member"),
        // The spec's example ids (org_abc123, user_123) name a real membership.
        member("user_123", "owner"),
      ]),
      org("org_def456", "Globex", [member("user_201", "owner"), member("user_200", "member")]),
    ],
    enterpriseInvitations: [],
    audit: [],
    cycles,
    sessions,
  };
}
