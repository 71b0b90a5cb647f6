// The Enterprise admin API v2's wire shapes, built from the state's rows. Rules decide; these only
// render.
import type { AuditEntry, EnterpriseRole, Organization, RepositoryGrant, User } from "./state.js";

export interface EnterpriseMember {
  id: string;
  email: string;
  name: string | null;
  role: EnterpriseRole;
  joined_at: string;
}

/** `Member`. */
export const memberView = (u: User): EnterpriseMember => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.enterpriseRole,
  joined_at: u.joinedAt,
});

/** `Organization`, as created through v2. */
export const organizationView = (org: Organization, acuLimit: number) => ({
  id: org.id,
  name: org.name,
  acu_limit: acuLimit,
  created_at: org.createdAt,
});

/** `RepositoryPermission`. */
export const grantView = (org: Organization, grant: RepositoryGrant) => ({
  id: grant.id,
  org_id: org.id,
  provider: grant.provider,
  repository: grant.repository,
  permission: grant.permission,
  created_at: grant.createdAt,
});

/** `AuditLogEntry`: the entry without its internal sequence number. */
export const auditEntryView = ({ seq: _seq, ...entry }: AuditEntry) => entry;
