// The sandbox's whole state: plain JSON, so a snapshot is one `JSON.stringify`. Role types are the
// ones the client generates from the contract, so no role is named here.
import type { components as EnterpriseSchemas } from "@orgadmin/client/enterprise";
import type { components as OrganizationsSchemas } from "@orgadmin/client/organizations";

/** A role in a v1 organization (the `Role` schema). */
export type OrgRole = OrganizationsSchemas["schemas"]["Role"];
/** A role an invitation or `default_role` may give (the `DefaultRole` schema: never an owner). */
export type DefaultRole = OrganizationsSchemas["schemas"]["DefaultRole"];
/** A role in the Enterprise account (the v2 `EnterpriseRole` schema). */
export type EnterpriseRole = EnterpriseSchemas["schemas"]["EnterpriseRole"];

export interface User {
  id: string;
  email: string;
  username: string;
  name: string | null;
  enterpriseRole: EnterpriseRole;
  joinedAt: string;
  apiKey: string;
}

export interface Membership {
  userId: string;
  role: OrgRole;
  joinedAt: string;
  updatedAt: string;
}

export interface OrgInvitation {
  id: string;
  email: string;
  role: DefaultRole;
  message: string | null;
  createdAt: string;
  expiresAt: string;
}

export interface RepositoryGrant {
  id: string;
  provider: string;
  repository: string;
  permission: string;
  createdAt: string;
}

export interface Organization {
  id: string;
  name: string;
  description: string | null;
  settings: { default_role: DefaultRole; allow_public_projects: boolean };
  /** Set when created through v2; v1 has no such field. */
  acuLimit: number | null;
  projectsCount: number;
  createdAt: string;
  updatedAt: string;
  /** Oldest first. */
  members: Membership[];
  invitations: OrgInvitation[];
  repositoryPermissions: RepositoryGrant[];
}

export interface EnterpriseInvitation {
  email: string;
  role: EnterpriseRole;
  expiresAt: string;
}

export interface AuditEntry {
  seq: number;
  id: string;
  timestamp: string;
  action: string;
  actor: string;
  target?: string;
}

export interface ConsumptionCycle {
  start_date: string;
  end_date: string;
  acus_used: number;
}

export interface SessionInsight {
  id: string;
  insight: string;
  created_at: string;
}

export interface State {
  version: 1;
  /** Source of every generated id; only grows. */
  nextId: number;
  users: User[];
  /** Oldest first. */
  organizations: Organization[];
  enterpriseInvitations: EnterpriseInvitation[];
  /** Oldest first (ascending `seq`). */
  audit: AuditEntry[];
  /** Newest first. */
  cycles: ConsumptionCycle[];
  /** Newest first. */
  sessions: SessionInsight[];
}
