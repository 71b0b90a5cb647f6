// Business rules over the indexed state (tables.ts). Every mutation is a list of changes, each
// applied at once and handed to the journal (when there is one), which makes them durable or
// undoes them; every mutation also appends an audit entry.
import { randomBytes } from "node:crypto";
import { parseInstant } from "./instant.js";
import { Refusal } from "./refusal.js";
import type {
  AuditEntry,
  EnterpriseRole,
  Membership,
  Organization,
  OrgInvitation,
  OrgRole,
  State,
  User,
} from "./state.js";
import { type Change, normalise, Tables, type Undo } from "./tables.js";

const INVITATION_TTL_MS = 7 * 86_400_000;
const AUDIT_DEFAULT_WINDOW_MS = 30 * 86_400_000;

export interface OrganizationInput {
  name?: string;
  description?: string | null;
  settings?: Partial<Organization["settings"]>;
}

export interface Page {
  page: number;
  page_size: number;
}

/** Receives every change as it is applied, with the way to undo it. */
export type ChangeSink = (change: Change, undo: Undo) => void;

type EnterpriseMember = {
  id: string;
  email: string;
  name: string | null;
  role: EnterpriseRole;
  joined_at: string;
};

export class Store {
  readonly tables: Tables;
  /** Set by the journal when the state is kept in a file. */
  sink: ChangeSink | undefined;
  private membersView: { version: number; members: EnterpriseMember[] } | undefined;

  constructor(
    state: State,
    private readonly now: () => Date,
    /** Defaults of settings omitted on create, as the spec declares them. */
    private readonly settingsDefaults: Organization["settings"],
  ) {
    this.tables = new Tables(state);
  }

  /** A plain copy of the whole state (O(state): for snapshots and tests, never per request). */
  get state(): State {
    const c = this.tables.capture();
    return {
      version: 1,
      nextId: c.nextId,
      users: c.users,
      organizations: c.organizations,
      enterpriseInvitations: c.enterpriseInvitations,
      audit: c.audit,
      cycles: c.cycles,
      sessions: c.sessions,
    };
  }

  private change(change: Change): void {
    const undo = this.tables.apply(change);
    this.sink?.(change, undo);
  }

  // ---- lookups -------------------------------------------------------------------------------

  userByKey(key: string): User | undefined {
    return this.tables.userByKey.get(key);
  }

  private user(id: string): User {
    const user = this.tables.users.get(id);
    if (!user) throw new Error(`state refers to unknown user ${id}`);
    return user;
  }

  organization(id: string): Organization | undefined {
    return this.tables.orgs.get(id);
  }

  /** The organization and the caller's role in it; 404 when it does not exist or the caller is not in it. */
  organizationFor(actor: User, orgId: string): { org: Organization; role: OrgRole } {
    const org = this.tables.orgs.get(orgId);
    const membership = org?.members.find((m) => m.userId === actor.id);
    if (!org || !membership) throw new Refusal("not_found", "Organization not found.");
    return { org, role: membership.role };
  }

  private nextId(prefix: string): string {
    const n = this.tables.nextId + 1;
    this.change({ t: "nextId", v: n });
    return `${prefix}_${n}`;
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  private audit(actor: User, action: string, target?: string): void {
    const seq = this.tables.nextId + 1;
    const entry: AuditEntry = {
      seq,
      id: this.nextId("log"),
      timestamp: this.stamp(),
      action,
      actor: actor.email,
    };
    if (target !== undefined) entry.target = target;
    this.change({ t: "audit", v: entry });
  }

  /**
   * The organization's row as it is now: the caller looked it up before reading the request body,
   * and rows are replaced, not modified, so building on a stale row would undo later changes.
   */
  private current(org: Organization): Organization {
    const row = this.tables.orgs.get(org.id);
    if (!row) throw new Refusal("not_found", "Organization not found.");
    return row;
  }

  private putOrg(org: Organization): void {
    this.change({ t: "org", id: org.id, v: org });
  }

  private assertNameFree(name: string, except?: string): void {
    const holder = this.tables.orgIdByName.get(normalise(name));
    if (holder !== undefined && holder !== except) {
      throw new Refusal("conflict", "An organization with this name already exists.");
    }
  }

  private createOrg(actor: User, name: string, fields: Partial<Organization>): Organization {
    this.assertNameFree(name);
    const at = this.stamp();
    const org: Organization = {
      id: this.nextId("org"),
      name,
      description: null,
      settings: { ...this.settingsDefaults },
      acuLimit: null,
      projectsCount: 0,
      createdAt: at,
      updatedAt: at,
      members: [{ userId: actor.id, role: "owner", joinedAt: at, updatedAt: at }],
      invitations: [],
      repositoryPermissions: [],
      ...fields,
    };
    this.putOrg(org);
    this.audit(actor, "organization.create", org.id);
    return org;
  }

  // ---- Organizations API v1 ------------------------------------------------------------------

  createOrganization(actor: User, input: OrganizationInput & { name: string }) {
    const org = this.createOrg(actor, input.name, {
      description: input.description ?? null,
      settings: { ...this.settingsDefaults, ...input.settings },
    });
    return {
      id: org.id,
      name: org.name,
      description: org.description,
      created_at: org.createdAt,
      updated_at: org.updatedAt,
      settings: org.settings,
      owner: { id: actor.id, email: actor.email, username: actor.username },
    };
  }

  /** One page of the caller's organizations, in creation order: O(page size). */
  listOrganizations(actor: User, { page, page_size }: Page) {
    const mine = this.tables.orgsOf(actor.id);
    const organizations = mine.slice((page - 1) * page_size, page * page_size).map((org) => {
      const role = org.members.find((m) => m.userId === actor.id)?.role as OrgRole;
      return {
        id: org.id,
        name: org.name,
        description: org.description,
        created_at: org.createdAt,
        updated_at: org.updatedAt,
        role,
      };
    });
    return { organizations, total: mine.length, page, page_size };
  }

  getOrganization(org: Organization) {
    return {
      id: org.id,
      name: org.name,
      description: org.description,
      created_at: org.createdAt,
      updated_at: org.updatedAt,
      settings: org.settings,
      members_count: org.members.length,
      projects_count: org.projectsCount,
    };
  }

  updateOrganization(actor: User, stale: Organization, input: OrganizationInput) {
    const org = this.current(stale);
    if (input.name !== undefined) this.assertNameFree(input.name, org.id);
    const next: Organization = { ...org, updatedAt: this.stamp() };
    if (input.name !== undefined) next.name = input.name;
    if (input.description !== undefined) next.description = input.description;
    if (input.settings) next.settings = { ...org.settings, ...input.settings };
    this.putOrg(next);
    this.audit(actor, "organization.update", org.id);
    return {
      id: next.id,
      name: next.name,
      description: next.description,
      updated_at: next.updatedAt,
      settings: next.settings,
    };
  }

  /** Removes the organization with its members, invitations and permissions. */
  deleteOrganization(actor: User, org: Organization) {
    this.change({ t: "org", id: this.current(org).id, v: null });
    this.audit(actor, "organization.delete", org.id);
    return { message: "Organization deleted." };
  }

  private pending(org: Organization): OrgInvitation[] {
    const now = this.now().getTime();
    return org.invitations.filter((i) => Date.parse(i.expiresAt) > now);
  }

  createInvitation(
    actor: User,
    stale: Organization,
    input: { email: string; role: "admin" | "member"; message?: string },
  ) {
    const org = this.current(stale);
    const email = normalise(input.email);
    const invitee = this.tables.userByEmail.get(email);
    if (invitee && org.members.some((m) => m.userId === invitee.id)) {
      throw new Refusal("conflict", "This person is already a member.");
    }
    const pending = this.pending(org);
    if (pending.some((i) => normalise(i.email) === email)) {
      throw new Refusal("conflict", "This person already has a pending invitation.");
    }
    const at = this.now();
    const invitation: OrgInvitation = {
      id: this.nextId("inv"),
      email: input.email,
      role: input.role,
      message: input.message ?? null,
      createdAt: at.toISOString(),
      expiresAt: new Date(at.getTime() + INVITATION_TTL_MS).toISOString(),
    };
    // An expired invitation to the same address gives way to the new one.
    this.putOrg({ ...org, invitations: [...pending, invitation] });
    this.audit(actor, "member.invite", input.email);
    return this.invitationView(invitation);
  }

  private invitationView(i: OrgInvitation) {
    return {
      invitation_id: i.id,
      email: i.email,
      role: i.role,
      expires_at: i.expiresAt,
      status: "pending" as const,
    };
  }

  /** Pending (unexpired) invitations of an organization. */
  pendingInvitations(org: Organization) {
    return this.pending(org).map((i) => this.invitationView(i));
  }

  listMembers(org: Organization, { page, page_size }: Page) {
    const members = org.members.slice((page - 1) * page_size, page * page_size).map((m) => {
      const u = this.user(m.userId);
      return { id: u.id, email: u.email, username: u.username, role: m.role, joined_at: m.joinedAt };
    });
    return { members, total: org.members.length, page, page_size };
  }

  private membership(org: Organization, memberId: string): Membership {
    const m = org.members.find((x) => x.userId === memberId);
    if (!m) throw new Refusal("not_found", "Member not found.");
    return m;
  }

  private assertNotLastOwner(org: Organization, target: Membership, verb: string): void {
    const owners = org.members.filter((m) => m.role === "owner").length;
    if (target.role === "owner" && owners === 1) {
      throw new Refusal("conflict", `The last owner cannot be ${verb}.`);
    }
  }

  updateMemberRole(actor: User, actorRole: OrgRole, stale: Organization, memberId: string, role: OrgRole) {
    const org = this.current(stale);
    const target = this.membership(org, memberId);
    if ((target.role === "owner" || role === "owner") && actorRole !== "owner") {
      throw new Refusal("forbidden", "Only an owner may make or unmake an owner.");
    }
    if (role !== "owner") this.assertNotLastOwner(org, target, "demoted");
    const updated: Membership = { ...target, role, updatedAt: this.stamp() };
    this.putOrg({ ...org, members: org.members.map((m) => (m === target ? updated : m)) });
    this.audit(actor, "member.update_role", memberId);
    const u = this.user(memberId);
    return {
      id: u.id,
      email: u.email,
      username: u.username,
      role: updated.role,
      updated_at: updated.updatedAt,
    };
  }

  removeMember(actor: User, actorRole: OrgRole, stale: Organization, memberId: string) {
    const org = this.current(stale);
    const target = this.membership(org, memberId);
    if (target.role === "owner" && actorRole !== "owner") {
      throw new Refusal("forbidden", "Only an owner may remove an owner.");
    }
    this.assertNotLastOwner(org, target, "removed");
    this.putOrg({ ...org, members: org.members.filter((m) => m !== target) });
    this.audit(actor, "member.remove", memberId);
    return { message: "Member removed." };
  }

  /** Sandbox only: the invitee accepts; an unknown address becomes a new user with its own key. */
  acceptInvitation(invitationId: string) {
    const org = this.tables.orgs.get(this.tables.orgIdByInvitation.get(invitationId) ?? "");
    const invitation = org?.invitations.find((i) => i.id === invitationId);
    if (!org || !invitation) throw new Refusal("not_found", "Invitation not found.");
    if (!this.pending(org).includes(invitation)) throw new Refusal("conflict", "The invitation has expired.");
    let user = this.tables.userByEmail.get(normalise(invitation.email));
    const created = !user;
    if (!user) {
      const id = this.nextId("user");
      user = {
        id,
        email: invitation.email,
        username: invitation.email.split("@")[0]?.slice(0, 64) || id,
        name: null,
        enterpriseRole: "member",
        joinedAt: this.stamp(),
        // Random, so nobody can guess another user's key from an id.
        apiKey: `sandbox-key-${randomBytes(24).toString("base64url")}`,
      };
      this.change({ t: "user", id, v: user });
    }
    const at = this.stamp();
    this.putOrg({
      ...org,
      members: [...org.members, { userId: user.id, role: invitation.role, joinedAt: at, updatedAt: at }],
      invitations: org.invitations.filter((i) => i !== invitation),
    });
    this.audit(user, "invitation.accept", org.id);
    // Anyone may accept: only a user this call created learns a key (their own).
    return {
      user_id: user.id,
      ...(created && { api_key: user.apiKey }),
      organization_id: org.id,
      role: invitation.role,
    };
  }

  // ---- Enterprise admin API v2 ---------------------------------------------------------------

  /** Every user, oldest first; the view is rebuilt only after a user changes. */
  enterpriseMembers() {
    const version = this.tables.usersVersion;
    if (this.membersView?.version !== version) {
      const members = this.tables.usersByJoined.items.map((u) => ({
        id: u.id,
        email: u.email,
        name: u.name,
        role: u.enterpriseRole,
        joined_at: u.joinedAt,
      }));
      this.membersView = { version, members };
    }
    return { members: this.membersView.members };
  }

  inviteToEnterprise(actor: User, emails: string[], role: EnterpriseRole) {
    const expiresAt = new Date(this.now().getTime() + INVITATION_TTL_MS).toISOString();
    const invited = emails.map((email) => {
      // A pending invitation to the same address is renewed, not duplicated.
      const id = normalise(email);
      this.change({ t: "einv", id, v: null });
      this.change({ t: "einv", id, v: { email, role, expiresAt } });
      this.audit(actor, "member.invite", email);
      return { email, role, expires_at: expiresAt };
    });
    return { invited };
  }

  createEnterpriseOrganization(actor: User, input: { name: string; acu_limit: number }) {
    const org = this.createOrg(actor, input.name, { acuLimit: input.acu_limit });
    return { id: org.id, name: org.name, acu_limit: input.acu_limit, created_at: org.createdAt };
  }

  addRepositoryPermission(
    actor: User,
    orgId: string,
    input: { provider: string; repository: string; permission: string },
  ) {
    const org = this.tables.orgs.get(orgId);
    if (!org) throw new Refusal("not_found", "No organization has this id.");
    const grant = { id: this.nextId("perm"), ...input, createdAt: this.stamp() };
    // Granting again replaces the earlier level.
    this.putOrg({
      ...org,
      repositoryPermissions: [
        ...org.repositoryPermissions.filter(
          (p) => !(p.provider === input.provider && p.repository === input.repository),
        ),
        grant,
      ],
    });
    this.audit(actor, "repository_permission.add", `${input.provider}:${input.repository}`);
    return {
      id: grant.id,
      org_id: org.id,
      provider: grant.provider,
      repository: grant.repository,
      permission: grant.permission,
      created_at: grant.createdAt,
    };
  }

  consumptionCycles() {
    return { cycles: this.tables.cycles };
  }

  sessionInsights(limit: number, offset: number) {
    return { sessions: this.tables.sessions.slice(offset, offset + limit) };
  }

  /** Newest first, at or after `startDate` (default: 30 days back), `limit` per page, cursor-paged. */
  auditLogs(query: { start_date?: string; limit: number; cursor?: string }) {
    const since =
      query.start_date === undefined
        ? this.now().getTime() - AUDIT_DEFAULT_WINDOW_MS
        : parseInstant(query.start_date);
    if (since === undefined) {
      throw new Refusal("invalid", "start_date: not a date-time in the calendar.");
    }
    const audit = this.tables.audit;
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
    return { logs: page.map(({ seq: _seq, ...entry }) => entry), next_cursor };
  }
}
