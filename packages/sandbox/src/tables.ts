// The sandbox's state held in memory, indexed for every lookup the rules make. Rows are never
// modified in place: a change puts a new row (or removes one), so a snapshot can hold on to rows
// while later changes land, and every change can be undone by putting back the row it replaced.
import { organizationNameKey } from "./organization-name.js";
import type {
  AuditEntry,
  ConsumptionCycle,
  EnterpriseInvitation,
  Organization,
  SessionInsight,
  State,
  User,
} from "./state.js";

/** One change to the state: what the journal records and what replay applies. */
export type Change =
  | { t: "user"; id: string; v: User | null }
  | { t: "org"; id: string; v: Organization | null }
  | { t: "einv"; id: string; v: EnterpriseInvitation | null }
  | { t: "audit"; v: AuditEntry }
  | { t: "nextId"; v: number }
  /** The whole state replaced (a reset to the starting data). */
  | { t: "reset"; v: Capture };

/** Puts back what a change replaced. */
export type Undo = () => void;

/** Email addresses compare case-insensitively. */
export const normalise = (s: string): string => s.toLocaleLowerCase("en-US");

/** A list kept in ascending order of a numeric key: binary search to find, splice to insert and remove. */
export class SortedList<T> {
  readonly items: T[] = [];
  constructor(
    private readonly key: (item: T) => number,
    /** Whether two items stand for the same thing (one may be the other's replacement). */
    private readonly same: (a: T, b: T) => boolean = (a, b) => a === b,
  ) {}

  /** The index of the first item whose key is ≥ k. */
  lowerBound(k: number): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.key(this.items[mid] as T) < k) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(item: T): void {
    const k = this.key(item);
    // The common case, a new row (the highest key so far), goes last without a search.
    const last = this.items[this.items.length - 1];
    if (last === undefined || this.key(last) <= k) {
      this.items.push(item);
      return;
    }
    // After every item with the same key, so equal keys keep their insertion order.
    let i = this.lowerBound(k);
    while (i < this.items.length && this.key(this.items[i] as T) === k) i++;
    this.items.splice(i, 0, item);
  }

  private indexOf(item: T): number {
    const k = this.key(item);
    for (let i = this.lowerBound(k); i < this.items.length && this.key(this.items[i] as T) === k; i++) {
      if (this.same(this.items[i] as T, item)) return i;
    }
    return -1;
  }

  remove(item: T): void {
    const i = this.indexOf(item);
    if (i >= 0) this.items.splice(i, 1);
  }

  /** Puts `next` where the item it replaces is (same key): O(log n), no shifting. */
  replace(next: T): void {
    const i = this.indexOf(next);
    if (i >= 0) this.items[i] = next;
  }
}

/** A snapshot's rows, captured in O(rows) pointer copies; serialising them can happen later. */
export type Capture = Omit<State, "version">;

export class Tables {
  nextId: number;
  readonly users = new Map<string, User>();
  readonly userByKey = new Map<string, User>();
  readonly userByEmail = new Map<string, User>();
  /** Users by `joinedAt` (the v2 member list's order); equal instants keep insertion order. */
  readonly usersByJoined = new SortedList<User>((u) => Date.parse(u.joinedAt));
  /** Bumped on every user change, so a view of all users can be cached between changes. */
  usersVersion = 0;

  readonly orgs = new Map<string, Organization>();
  /** By the name rule's key (organization-name.ts). */
  readonly orgIdByName = new Map<string, string>();
  /** Each organization's name key, so a change that keeps the name does not compute it again. */
  private readonly nameKeyOf = new Map<string, string>();
  /** Creation order of each organization: v1 lists pages in this order. */
  private readonly ordinal = new Map<string, number>();
  private nextOrdinal = 0;
  /** The organizations each user belongs to, in creation order (the rows themselves: a page reads no index). */
  private readonly orgsOfUser = new Map<string, SortedList<Organization>>();
  readonly orgIdByInvitation = new Map<string, string>();

  /** Keyed by the normalised address. */
  readonly enterpriseInvitations = new Map<string, EnterpriseInvitation>();
  /** Ascending `seq`. */
  audit: AuditEntry[] = [];
  cycles: ConsumptionCycle[] = [];
  sessions: SessionInsight[] = [];

  constructor(state: Capture) {
    this.nextId = state.nextId;
    this.load(state);
  }

  /** Empties every table and index, then fills them from `state`: O(rows). */
  private load(state: Capture): void {
    for (const index of [
      this.users,
      this.userByKey,
      this.userByEmail,
      this.orgs,
      this.orgIdByName,
      this.ordinal,
      this.orgsOfUser,
      this.orgIdByInvitation,
      this.enterpriseInvitations,
    ]) {
      index.clear();
    }
    this.usersByJoined.items.length = 0;
    this.nextOrdinal = 0;
    this.nextId = state.nextId;
    for (const u of state.users) this.putUser(u.id, u);
    for (const o of state.organizations) this.putOrg(o.id, o);
    for (const i of state.enterpriseInvitations) this.putEnterpriseInvitation(normalise(i.email), i);
    this.audit = [...state.audit];
    this.cycles = state.cycles;
    this.sessions = state.sessions;
  }

  /** The organizations of a user, in creation order (a live view: do not modify). */
  orgsOf(userId: string): readonly Organization[] {
    return this.orgsOfUser.get(userId)?.items ?? [];
  }

  apply(change: Change): Undo {
    switch (change.t) {
      case "user":
        return this.putUser(change.id, change.v);
      case "org":
        return this.putOrg(change.id, change.v);
      case "einv":
        return this.putEnterpriseInvitation(change.id, change.v);
      case "audit":
        this.audit.push(change.v);
        return () => {
          this.audit.pop();
        };
      case "reset": {
        const before = this.capture();
        this.load(change.v);
        return () => {
          this.load(before);
        };
      }
      case "nextId": {
        const before = this.nextId;
        this.nextId = change.v;
        return () => {
          this.nextId = before;
        };
      }
    }
  }

  private putUser(id: string, user: User | null): Undo {
    const old = this.users.get(id);
    if (old) {
      this.users.delete(id);
      this.userByKey.delete(old.apiKey);
      this.userByEmail.delete(normalise(old.email));
      this.usersByJoined.remove(old);
    }
    if (user) {
      this.users.set(id, user);
      this.userByKey.set(user.apiKey, user);
      // The first user with an address keeps it, as a scan in insertion order would find.
      if (!this.userByEmail.has(normalise(user.email))) this.userByEmail.set(normalise(user.email), user);
      this.usersByJoined.insert(user);
    }
    this.usersVersion += 1;
    return () => {
      this.putUser(id, old ?? null);
    };
  }

  private orgListOf(userId: string): SortedList<Organization> {
    let list = this.orgsOfUser.get(userId);
    if (!list) {
      list = new SortedList<Organization>(
        (org) => this.ordinal.get(org.id) ?? Number.POSITIVE_INFINITY,
        (a, b) => a.id === b.id,
      );
      this.orgsOfUser.set(userId, list);
    }
    return list;
  }

  private putOrg(id: string, org: Organization | null, ordinal?: number): Undo {
    const old = this.orgs.get(id);
    const oldOrdinal = this.ordinal.get(id);
    // A member who stays keeps the row's place in their list (the new row replaces the old one);
    // only members who come or go are inserted or removed.
    const kept = new Set(org?.members.map((m) => m.userId));
    const had = new Set(old?.members.map((m) => m.userId));
    const oldKey = this.nameKeyOf.get(id);
    if (old) {
      // Only if it is this organization's: a file written under an older rule may hold two
      // names with one key, and the index keeps the first.
      if (oldKey !== undefined && this.orgIdByName.get(oldKey) === id) this.orgIdByName.delete(oldKey);
      this.nameKeyOf.delete(id);
      for (const m of old.members) if (!kept.has(m.userId)) this.orgsOfUser.get(m.userId)?.remove(old);
      for (const i of old.invitations) this.orgIdByInvitation.delete(i.id);
      if (!org) {
        this.orgs.delete(id);
        this.ordinal.delete(id);
      }
    }
    if (org) {
      if (!this.ordinal.has(id)) this.ordinal.set(id, ordinal ?? this.nextOrdinal++);
      this.orgs.set(id, org);
      const key = oldKey !== undefined && old?.name === org.name ? oldKey : organizationNameKey(org.name);
      this.nameKeyOf.set(id, key);
      if (!this.orgIdByName.has(key)) this.orgIdByName.set(key, id);
      for (const m of org.members) {
        if (had.has(m.userId)) this.orgListOf(m.userId).replace(org);
        else this.orgListOf(m.userId).insert(org);
      }
      for (const i of org.invitations) this.orgIdByInvitation.set(i.id, id);
    }
    return () => {
      this.putOrg(id, old ?? null, oldOrdinal);
    };
  }

  private putEnterpriseInvitation(id: string, invitation: EnterpriseInvitation | null): Undo {
    const old = this.enterpriseInvitations.get(id);
    this.enterpriseInvitations.delete(id);
    if (invitation) this.enterpriseInvitations.set(id, invitation);
    return () => {
      this.putEnterpriseInvitation(id, old ?? null);
    };
  }

  /** The rows as they are now; rows are immutable, so the capture stays consistent. */
  capture(): Capture {
    const organizations = [...this.orgs.values()];
    // Creation order, as the file has always kept it (an undone delete puts an org back in its place).
    organizations.sort((a, b) => (this.ordinal.get(a.id) ?? 0) - (this.ordinal.get(b.id) ?? 0));
    return {
      nextId: this.nextId,
      users: [...this.users.values()],
      organizations,
      enterpriseInvitations: [...this.enterpriseInvitations.values()],
      audit: this.audit.slice(),
      cycles: this.cycles,
      sessions: this.sessions,
    };
  }
}
