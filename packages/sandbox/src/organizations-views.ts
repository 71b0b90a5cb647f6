// The Organizations API v1's wire shapes, built from the state's rows (snake_case, as the contract
// names its fields). Rules decide; these only render. Each is checked (`satisfies`) against the
// schema the client generates from the contract, so a view that drifts from the spec does not
// compile; the inferred types stay the sandbox's own, so no published declaration names the client.
import type { components } from "@orgadmin/client/organizations";
import type { Membership, Organization, OrgInvitation, OrgRole, User } from "./state.js";

type Schema = components["schemas"];

const base = (org: Organization) => ({
  id: org.id,
  name: org.name,
  description: org.description,
  created_at: org.createdAt,
  updated_at: org.updatedAt,
});

/** `Organization`: as created, with its owner. */
export const createdView = (org: Organization, owner: User) =>
  ({
    ...base(org),
    settings: org.settings,
    owner: { id: owner.id, email: owner.email, username: owner.username },
  }) satisfies Schema["Organization"];

/** `OrganizationSummary`: a list row, with the caller's role. */
export const summaryView = (org: Organization, role: OrgRole) =>
  ({ ...base(org), role }) satisfies Schema["OrganizationSummary"];

/** `OrganizationDetail`: with settings and counts. */
export const detailView = (org: Organization) =>
  ({
    ...base(org),
    settings: org.settings,
    members_count: org.members.length,
    projects_count: org.projectsCount,
  }) satisfies Schema["OrganizationDetail"];

/** `UpdatedOrganization`. */
export const updatedView = (org: Organization) =>
  ({
    id: org.id,
    name: org.name,
    description: org.description,
    updated_at: org.updatedAt,
    settings: org.settings,
  }) satisfies Schema["UpdatedOrganization"];

/** `Member`. */
export const memberView = (user: User, m: Membership) =>
  ({
    id: user.id,
    email: user.email,
    username: user.username,
    role: m.role,
    joined_at: m.joinedAt,
  }) satisfies Schema["Member"];

/** `UpdatedMember`. */
export const updatedMemberView = (user: User, m: Membership) =>
  ({
    id: user.id,
    email: user.email,
    username: user.username,
    role: m.role,
    updated_at: m.updatedAt,
  }) satisfies Schema["UpdatedMember"];

/** `Invitation`: only pending ones are ever shown. */
export const invitationView = (i: OrgInvitation) =>
  ({
    invitation_id: i.id,
    email: i.email,
    role: i.role,
    expires_at: i.expiresAt,
    status: "pending" as const,
  }) satisfies Schema["Invitation"];
