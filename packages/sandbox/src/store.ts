// Business rules over the in-memory state. Every mutation appends an audit entry; the caller
// decides when the change is durable (see persistence.ts).
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

const lower = (s: string): string => s.toLocaleLowerCase("en-US");

export class Store {
  constructor(
    readonly state: State,
    private readonly now: () => Date,
    /** Defaults of settings omitted on create, as the spec declares them. */
    private readonly settingsDefaults: Organization["settings"],
  ) {}

  // ---- lookups -------------------------------------------------------------------------------

  userByKey(key: string): User | undefined {
    return this.state.users.find((u) => u.apiKey === key);
  }

  private user(id: string): User {
    const user = this.state.users.find((u) => u.id === id);
    if (!user) throw new Error(`state refers to unknown user ${id}`);
    return user;
  }

  /** The organization and the caller's role in it; 404 when it does not exist or the caller is not in it. */
  organizationFor(actor: User, orgId: string): { org: Organization; role: OrgRole } {
    const org = this.state.organizations.find((o) => o.id === orgId);
    const membership = org?.members.find((m) => m.userId === actor.id);
    if (!org || !membership) throw new Refusal("not_found", "Organization not found.");
    return { org, role: membership.role };
  }

  private nextId(prefix: string): string {
    this.state.nextId += 1;
    return `${prefix}_${this.state.nextId}`;
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  private audit(actor: User, action: string, target?: string): void {
    const seq = this.state.nextId + 1;
    const entry: AuditEntry = {
      seq,
      id: this.nextId("log"),
      timestamp: this.stamp(),
      action,
      actor: actor.email,
    };
    if (target !== undefined) entry.target = target;
    this.state.audit.push(entry);
  }

  private assertNameFree(name: string, except?: string): void {
    const taken = this.state.organizations.some((o) => o.id !== except && lower(o.name) === lower(name));
    if (taken) throw new Refusal("conflict", "An organization with this name already exists.");
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
    this.state.organizations.push(org);
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

  listOrganizations(actor: User, { page, page_size }: Page) {
    const mine = this.state.organizations.flatMap((org) => {
      const m = org.members.find((x) => x.userId === actor.id);
      return m ? [{ org, role: m.role }] : [];
    });
    const organizations = mine.slice((page - 1) * page_size, page * page_size).map(({ org, role }) => ({
      id: org.id,
      name: org.name,
      description: org.description,
      created_at: org.createdAt,
      updated_at: org.updatedAt,
      role,
    }));
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

  updateOrganization(actor: User, org: Organization, input: OrganizationInput) {
    if (input.name !== undefined) this.assertNameFree(input.name, org.id);
    if (input.name !== undefined) org.name = input.name;
    if (input.description !== undefined) org.description = input.description;
    if (input.settings) org.settings = { ...org.settings, ...input.settings };
    org.updatedAt = this.stamp();
    this.audit(actor, "organization.update", org.id);
    return {
      id: org.id,
      name: org.name,
      description: org.description,
      updated_at: org.updatedAt,
      settings: org.settings,
    };
  }

  /** Removes the organization with its members, invitations and permissions. */
  deleteOrganization(actor: User, org: Organization) {
    this.state.organizations = this.state.organizations.filter((o) => o.id !== org.id);
    this.audit(actor, "organization.delete", org.id);
    return { message: "Organization deleted." };
  }

  private pending(org: Organization): OrgInvitation[] {
    const now = this.now().getTime();
    return org.invitations.filter((i) => Date.parse(i.expiresAt) > now);
  }

  createInvitation(
    actor: User,
    org: Organization,
    input: { email: string; role: "admin" | "member"; message?: string },
  ) {
    const email = lower(input.email);
    const isMember = org.members.some((m) => lower(this.user(m.userId).email) === email);
    if (isMember) throw new Refusal("conflict", "This person is already a member.");
    if (this.pending(org).some((i) => lower(i.email) === email)) {
      throw new Refusal("conflict", "This person already has a pending invitation.");
    }
    // An expired invitation to the same address gives way to the new one.
    org.invitations = this.pending(org);
    const at = this.now();
    const invitation: OrgInvitation = {
      id: this.nextId("inv"),
      email: input.email,
      role: input.role,
      message: input.message ?? null,
      createdAt: at.toISOString(),
      expiresAt: new Date(at.getTime() + INVITATION_TTL_MS).toISOString(),
    };
    org.invitations.push(invitation);
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

  updateMemberRole(actor: User, actorRole: OrgRole, org: Organization, memberId: string, role: OrgRole) {
    const target = this.membership(org, memberId);
    if ((target.role === "owner" || role === "owner") && actorRole !== "owner") {
      throw new Refusal("forbidden", "Only an owner may make or unmake an owner.");
    }
    if (role !== "owner") this.assertNotLastOwner(org, target, "demoted");
    target.role = role;
    target.updatedAt = this.stamp();
    this.audit(actor, "member.update_role", memberId);
    const u = this.user(memberId);
    return {
      id: u.id,
      email: u.email,
      username: u.username,
      role: target.role,
      updated_at: target.updatedAt,
    };
  }

  removeMember(actor: User, actorRole: OrgRole, org: Organization, memberId: string) {
    const target = this.membership(org, memberId);
    if (target.role === "owner" && actorRole !== "owner") {
      throw new Refusal("forbidden", "Only an owner may remove an owner.");
    }
    this.assertNotLastOwner(org, target, "removed");
    org.members = org.members.filter((m) => m !== target);
    this.audit(actor, "member.remove", memberId);
    return { message: "Member removed." };
  }

  /** Sandbox only: the invitee accepts; an unknown address becomes a new user with its own key. */
  acceptInvitation(invitationId: string) {
    const org = this.state.organizations.find((o) => o.invitations.some((i) => i.id === invitationId));
    const invitation = org?.invitations.find((i) => i.id === invitationId);
    if (!org || !invitation) throw new Refusal("not_found", "Invitation not found.");
    if (!this.pending(org).includes(invitation)) throw new Refusal("conflict", "The invitation has expired.");
    let user = this.state.users.find((u) => lower(u.email) === lower(invitation.email));
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
      this.state.users.push(user);
    }
    const at = this.stamp();
    org.members.push({ userId: user.id, role: invitation.role, joinedAt: at, updatedAt: at });
    org.invitations = org.invitations.filter((i) => i !== invitation);
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

  enterpriseMembers() {
    const members = [...this.state.users]
      .sort((a, b) => a.joinedAt.localeCompare(b.joinedAt))
      .map((u) => ({
        id: u.id,
        email: u.email,
        name: u.name,
        role: u.enterpriseRole,
        joined_at: u.joinedAt,
      }));
    return { members };
  }

  inviteToEnterprise(actor: User, emails: string[], role: EnterpriseRole) {
    const expiresAt = new Date(this.now().getTime() + INVITATION_TTL_MS).toISOString();
    const invited = emails.map((email) => {
      // A pending invitation to the same address is renewed, not duplicated.
      this.state.enterpriseInvitations = this.state.enterpriseInvitations.filter(
        (i) => lower(i.email) !== lower(email),
      );
      this.state.enterpriseInvitations.push({ email, role, expiresAt });
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
    const org = this.state.organizations.find((o) => o.id === orgId);
    if (!org) throw new Refusal("not_found", "No organization has this id.");
    // Granting again replaces the earlier level.
    org.repositoryPermissions = org.repositoryPermissions.filter(
      (p) => !(p.provider === input.provider && p.repository === input.repository),
    );
    const grant = { id: this.nextId("perm"), ...input, createdAt: this.stamp() };
    org.repositoryPermissions.push(grant);
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
    return { cycles: this.state.cycles };
  }

  sessionInsights(limit: number, offset: number) {
    return { sessions: this.state.sessions.slice(offset, offset + limit) };
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
    let before = Number.POSITIVE_INFINITY;
    if (query.cursor !== undefined) {
      const seq = /^c_(\d+)$/.exec(query.cursor)?.[1];
      if (!seq) throw new Refusal("invalid", "cursor: not a cursor this server returned.");
      before = Number(seq);
    }
    const matching: AuditEntry[] = [];
    for (let i = this.state.audit.length - 1; i >= 0 && matching.length <= query.limit; i--) {
      const e = this.state.audit[i];
      if (!e || e.seq >= before) continue;
      if (Date.parse(e.timestamp) < since) break;
      matching.push(e);
    }
    const page = matching.slice(0, query.limit);
    const last = page.at(-1);
    const next_cursor = matching.length > query.limit && last ? `c_${last.seq}` : null;
    return { logs: page.map(({ seq: _seq, ...entry }) => entry), next_cursor };
  }
}
