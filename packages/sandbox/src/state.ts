// The sandbox's whole state: plain JSON, so a snapshot is one `JSON.stringify`.

export type OrgRole = "owner" | "admin" | "member";
export type EnterpriseRole = "admin" | "member";

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
  role: "admin" | "member";
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
  settings: { default_role: "admin" | "member"; allow_public_projects: boolean };
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
