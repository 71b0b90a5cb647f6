// The Enterprise admin API v2's wire shapes, built from the state's rows. Rules decide; these only
// render. Each is checked (`satisfies`) against the schema the client generates from the contract,
// so a view that drifts from the spec does not compile; the inferred types stay the sandbox's own.
import type { components } from "@orgadmin/client/enterprise";
import type { AuditEntry, EnterpriseRole, Organization, RepositoryGrant, User } from "./state.js";

type Schema = components["schemas"];

export interface EnterpriseMember {
  id: string;
  email: string;
  name: string | null;
  role: EnterpriseRole;
  joined_at: string;
}

/** `Member`. */
export const memberView = (u: User): EnterpriseMember =>
  ({
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.enterpriseRole,
    joined_at: u.joinedAt,
  }) satisfies Schema["Member"];

/** `Organization`, as created through v2. */
export const organizationView = (org: Organization, acuLimit: number) =>
  ({
    id: org.id,
    name: org.name,
    acu_limit: acuLimit,
    created_at: org.createdAt,
  }) satisfies Schema["Organization"];

/**
 * `RepositoryPermission`. The state keeps provider and permission as the strings the validated
 * request carried (the contract's enums checked them), so here they are checked as strings.
 */
export const grantView = (org: Organization, grant: RepositoryGrant) =>
  ({
    id: grant.id,
    org_id: org.id,
    provider: grant.provider,
    repository: grant.repository,
    permission: grant.permission,
    created_at: grant.createdAt,
  }) satisfies Omit<Schema["RepositoryPermission"], "provider" | "permission"> & {
    provider: string;
    permission: string;
  };

/** `AuditLogEntry`: the entry without its internal sequence number. */
export const auditEntryView = ({ seq: _seq, ...entry }: AuditEntry) => entry;
