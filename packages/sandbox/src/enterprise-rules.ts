// The Enterprise admin API v2's rules: members and invitations of the enterprise, organizations
// with an ACU limit, repository permissions, usage and the audit log. They return wire shapes built
// by enterprise-views.ts.
import {
  auditEntryView,
  type EnterpriseMember,
  grantView,
  memberView,
  organizationView,
} from "./enterprise-views.js";
import { parseInstant } from "./instant.js";
import { Refusal } from "./refusal.js";
import type { AuditEntry, EnterpriseRole, User } from "./state.js";
import type { Store } from "./store.js";
import { normalise } from "./tables.js";

const AUDIT_DEFAULT_WINDOW_MS = 30 * 86_400_000;

export class EnterpriseRules {
  private membersView: { version: number; members: EnterpriseMember[] } | undefined;

  constructor(private readonly store: Store) {}

  /** Every user, oldest first; the view is rebuilt only after a user changes. */
  enterpriseMembers() {
    const version = this.store.tables.usersVersion;
    if (this.membersView?.version !== version) {
      const members = this.store.tables.usersByJoined.items.map(memberView);
      this.membersView = { version, members };
    }
    return { members: this.membersView.members };
  }

  inviteToEnterprise(actor: User, emails: string[], role: EnterpriseRole) {
    const expiresAt = this.store.invitationExpiry(this.store.now());
    const invited = emails.map((email) => {
      // A pending invitation to the same address is renewed, not duplicated.
      const id = normalise(email);
      this.store.change({ t: "einv", id, v: null });
      this.store.change({ t: "einv", id, v: { email, role, expiresAt } });
      this.store.audit(actor, "member.invite", email);
      return { email, role, expires_at: expiresAt };
    });
    return { invited };
  }

  createEnterpriseOrganization(actor: User, input: { name: string; acu_limit: number }) {
    const org = this.store.createOrg(actor, input.name, { acuLimit: input.acu_limit });
    return organizationView(org, input.acu_limit);
  }

  addRepositoryPermission(
    actor: User,
    orgId: string,
    input: { provider: string; repository: string; permission: string },
  ) {
    const org = this.store.tables.orgs.get(orgId);
    if (!org) throw new Refusal("not_found", "No organization has this id.");
    const grant = { id: this.store.nextId("perm"), ...input, createdAt: this.store.stamp() };
    // Granting again replaces the earlier level.
    this.store.putOrg({
      ...org,
      repositoryPermissions: [
        ...org.repositoryPermissions.filter(
          (p) => !(p.provider === input.provider && p.repository === input.repository),
        ),
        grant,
      ],
    });
    this.store.audit(actor, "repository_permission.add", `${input.provider}:${input.repository}`);
    return grantView(org, grant);
  }

  consumptionCycles() {
    return { cycles: this.store.tables.cycles };
  }

  sessionInsights(limit: number, offset: number) {
    return { sessions: this.store.tables.sessions.slice(offset, offset + limit) };
  }

  /** Newest first, at or after `startDate` (default: 30 days back), `limit` per page, cursor-paged. */
  auditLogs(query: { start_date?: string; limit: number; cursor?: string }) {
    const since =
      query.start_date === undefined
        ? this.store.now().getTime() - AUDIT_DEFAULT_WINDOW_MS
        : parseInstant(query.start_date);
    if (since === undefined) {
      throw new Refusal("invalid", "start_date: not a date-time in the calendar.");
    }
    const audit = this.store.tables.audit;
    // The page starts just below the cursor's entry: a binary search over ascending seq.
    let start = audit.length - 1;
    if (query.cursor !== undefined) {
      const seq = /^c_(\d+)$/.exec(query.cursor)?.[1];
      if (!seq) throw new Refusal("invalid", "cursor: not a cursor this server returned.");
      const before = Number(seq);
      let lo = 0;
      let hi = audit.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((audit[mid] as AuditEntry).seq < before) lo = mid + 1;
        else hi = mid;
      }
      start = lo - 1;
    }
    const matching: AuditEntry[] = [];
    for (let i = start; i >= 0 && matching.length <= query.limit; i--) {
      const e = audit[i] as AuditEntry;
      if (Date.parse(e.timestamp) < since) break;
      matching.push(e);
    }
    const page = matching.slice(0, query.limit);
    const last = page.at(-1);
    const next_cursor = matching.length > query.limit && last ? `c_${last.seq}` : null;
    return { logs: page.map(auditEntryView), next_cursor };
  }
}
