// The store: the indexed state (tables.ts) and what both APIs' rules share (lookups, ids, the
// audit log, the clock). Each API's rules live in their own module (organizations-rules.ts for v1,
// enterprise-rules.ts for v2), reached as `store.v1` and `store.v2`, and each has its wire views
// apart (organizations-views.ts, enterprise-views.ts). Every mutation is a list of changes, each
// applied at once and handed to the journal (when there is one), which makes them durable or
// undoes them; every mutation also appends an audit entry.
import { creatorRole } from "@orgadmin/spec/portable";
import { DOCUMENTS } from "./documents.js";
import { EnterpriseRules } from "./enterprise-rules.js";
import { assertReadableName, organizationNameKey } from "./organization-name.js";
import { OrganizationsRules } from "./organizations-rules.js";
import { Refusal } from "./refusal.js";
import type { AuditEntry, Organization, OrgInvitation, OrgRole, State, User } from "./state.js";
import { type Change, Tables, type Undo } from "./tables.js";

/** The role a new organization's creator gets, through either API: v1's `creator_role`. */
const CREATOR_ROLE = creatorRole(DOCUMENTS.organizations) as OrgRole;

/** Invitations of both APIs stay pending this long. */
const INVITATION_TTL_MS = 7 * 86_400_000;

/** Receives every change as it is applied, with the way to undo it. */
export type ChangeSink = (change: Change, undo: Undo) => void;

export class Store {
  readonly tables: Tables;
  /** Set by the journal when the state is kept in a file. */
  sink: ChangeSink | undefined;
  /** The Organizations API v1's rules. */
  readonly v1: OrganizationsRules;
  /** The Enterprise admin API v2's rules. */
  readonly v2: EnterpriseRules;

  constructor(
    state: State,
    readonly now: () => Date,
    /** Defaults of settings omitted on create, as the spec declares them. */
    readonly settingsDefaults: Organization["settings"],
  ) {
    this.tables = new Tables(state);
    this.v1 = new OrganizationsRules(this);
    this.v2 = new EnterpriseRules(this);
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

  change(change: Change): void {
    const undo = this.tables.apply(change);
    this.sink?.(change, undo);
  }

  // ---- shared by both APIs' rules ------------------------------------------------------------

  userByKey(key: string): User | undefined {
    return this.tables.userByKey.get(key);
  }

  user(id: string): User {
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

  nextId(prefix: string): string {
    const n = this.tables.nextId + 1;
    this.change({ t: "nextId", v: n });
    return `${prefix}_${n}`;
  }

  stamp(): string {
    return this.now().toISOString();
  }

  audit(actor: User, action: string, target?: string): void {
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
  current(org: Organization): Organization {
    const row = this.tables.orgs.get(org.id);
    if (!row) throw new Refusal("not_found", "Organization not found.");
    return row;
  }

  putOrg(org: Organization): void {
    this.change({ t: "org", id: org.id, v: org });
  }

  /** A readable name no other organization (but `except`) holds by the name rule. */
  assertNameFree(name: string, except?: string): void {
    assertReadableName(name);
    const holder = this.tables.orgIdByName.get(organizationNameKey(name));
    if (holder !== undefined && holder !== except) {
      throw new Refusal("conflict", "An organization with this name already exists.");
    }
  }

  createOrg(actor: User, name: string, fields: Partial<Organization>): Organization {
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
      members: [{ userId: actor.id, role: CREATOR_ROLE, joinedAt: at, updatedAt: at }],
      invitations: [],
      repositoryPermissions: [],
      ...fields,
    };
    this.putOrg(org);
    this.audit(actor, "organization.create", org.id);
    return org;
  }

  /** When an invitation sent at `at` expires. */
  invitationExpiry(at: Date): string {
    return new Date(at.getTime() + INVITATION_TTL_MS).toISOString();
  }

  /** An organization's invitations that have not expired. */
  pending(org: Organization): OrgInvitation[] {
    const now = this.now().getTime();
    return org.invitations.filter((i) => Date.parse(i.expiresAt) > now);
  }
}
