// The Organizations API v1's rules: organizations, their members and invitations, and the
// sandbox-only accept step. They return wire shapes built by organizations-views.ts.
import { type Permission, rolesAllowedOnMember } from "@orgadmin/spec/portable";
import {
  createdView,
  detailView,
  invitationView,
  memberView,
  summaryView,
  updatedMemberView,
  updatedView,
} from "./organizations-views.js";
import { Refusal } from "./refusal.js";
import { STARTING_DATA } from "./seed.js";
import type { DefaultRole, Membership, Organization, OrgInvitation, OrgRole, User } from "./state.js";
import type { Store } from "./store.js";
import { normalise } from "./tables.js";

/** 24 random bytes as base64url (Web Crypto: the same in every runtime). */
function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_");
}

/** 16 random bytes as hex (Web Crypto, as randomKey), for ids no one can guess from the last. */
function randomHex(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join(
    "",
  );
}

export interface OrganizationInput {
  name?: string;
  description?: string | null;
  settings?: Partial<Organization["settings"]>;
}

/** Who acts on a member: the user, their role in the organization, and the operation's permission. */
export interface Caller {
  actor: User;
  role: OrgRole;
  permission: Permission;
}

export interface Page {
  page: number;
  page_size: number;
}

export class OrganizationsRules {
  constructor(private readonly store: Store) {}

  createOrganization(actor: User, input: OrganizationInput & { name: string }) {
    const org = this.store.createOrg(actor, input.name, {
      description: input.description ?? null,
      settings: { ...this.store.settingsDefaults, ...input.settings },
    });
    return createdView(org, actor);
  }

  /** One page of the caller's organizations, in creation order: O(page size). */
  listOrganizations(actor: User, { page, page_size }: Page) {
    const mine = this.store.tables.orgsOf(actor.id);
    const organizations = mine
      .slice((page - 1) * page_size, page * page_size)
      .map((org) => summaryView(org, org.members.find((m) => m.userId === actor.id)?.role as OrgRole));
    return { organizations, total: mine.length, page, page_size };
  }

  getOrganization(org: Organization) {
    return detailView(org);
  }

  updateOrganization(actor: User, stale: Organization, input: OrganizationInput) {
    const org = this.store.current(stale);
    if (input.name !== undefined) this.store.assertNameFree(input.name, org.id);
    const next: Organization = { ...org, updatedAt: this.store.stamp() };
    if (input.name !== undefined) next.name = input.name;
    if (input.description !== undefined) next.description = input.description;
    if (input.settings) next.settings = { ...org.settings, ...input.settings };
    this.store.putOrg(next);
    this.store.audit(actor, "organization.update", org.id);
    return updatedView(next);
  }

  /** Removes the organization with its members, invitations and permissions. */
  deleteOrganization(actor: User, org: Organization) {
    this.store.change({ t: "org", id: this.store.current(org).id, v: null });
    this.store.audit(actor, "organization.delete", org.id);
    return { message: "Organization deleted." };
  }

  createInvitation(
    actor: User,
    stale: Organization,
    input: { email: string; role: DefaultRole; message?: string },
  ) {
    const org = this.store.current(stale);
    const email = normalise(input.email);
    const invitee = this.store.tables.userByEmail.get(email);
    if (invitee && org.members.some((m) => m.userId === invitee.id)) {
      throw new Refusal("conflict", "This person is already a member.");
    }
    const pending = this.store.pending(org);
    if (pending.some((i) => normalise(i.email) === email)) {
      throw new Refusal("conflict", "This person already has a pending invitation.");
    }
    const at = this.store.now();
    const invitation: OrgInvitation = {
      // Random, so a page that can post to the sandbox cannot guess the next one to accept.
      id: `inv_${randomHex()}`,
      email: input.email,
      role: input.role,
      message: input.message ?? null,
      createdAt: at.toISOString(),
      expiresAt: this.store.invitationExpiry(at),
    };
    // An expired invitation to the same address gives way to the new one.
    this.store.putOrg({ ...org, invitations: [...pending, invitation] });
    this.store.audit(actor, "member.invite", input.email);
    return invitationView(invitation);
  }

  /** Pending (unexpired) invitations of an organization. */
  pendingInvitations(org: Organization) {
    return this.store.pending(org).map(invitationView);
  }

  listMembers(org: Organization, { page, page_size }: Page) {
    const members = org.members
      .slice((page - 1) * page_size, page * page_size)
      .map((m) => memberView(this.store.user(m.userId), m));
    return { members, total: org.members.length, page, page_size };
  }

  private membership(org: Organization, memberId: string): Membership {
    const m = org.members.find((x) => x.userId === memberId);
    if (!m) throw new Refusal("not_found", "Member not found.");
    return m;
  }

  /**
   * The owner-only rule, read from the operation's `target_roles`: acting on a member who has, or
   * (for a role change) gets, a protected role needs one of the roles allowed on it.
   */
  private assertMayActOn(caller: Caller, roles: readonly OrgRole[], verb: string): void {
    const allowed = rolesAllowedOnMember(caller.permission, roles);
    if (!allowed.includes(caller.role)) {
      const guarded = roles.filter((r) => caller.permission.target_roles?.[r]);
      throw new Refusal(
        "forbidden",
        `Only a member with the role ${allowed.join(" or ")} may ${verb} a member with the role ${guarded.join(" or ")}.`,
      );
    }
  }

  /** `keeps_role`: the organization always keeps a member with this role, so the last one stays. */
  private assertNotLast(caller: Caller, org: Organization, target: Membership, verb: string): void {
    const kept = caller.permission.keeps_role;
    if (kept === undefined || target.role !== kept) return;
    if (org.members.filter((m) => m.role === kept).length === 1) {
      throw new Refusal("conflict", `The last ${kept} cannot be ${verb}.`);
    }
  }

  updateMemberRole(caller: Caller, stale: Organization, memberId: string, role: OrgRole) {
    const org = this.store.current(stale);
    const target = this.membership(org, memberId);
    this.assertMayActOn(caller, [target.role, role], "make or unmake");
    if (role !== target.role) this.assertNotLast(caller, org, target, "demoted");
    const updated: Membership = { ...target, role, updatedAt: this.store.stamp() };
    this.store.putOrg({ ...org, members: org.members.map((m) => (m === target ? updated : m)) });
    this.store.audit(caller.actor, "member.update_role", memberId);
    return updatedMemberView(this.store.user(memberId), updated);
  }

  removeMember(caller: Caller, stale: Organization, memberId: string) {
    const org = this.store.current(stale);
    const target = this.membership(org, memberId);
    this.assertMayActOn(caller, [target.role], "remove");
    this.assertNotLast(caller, org, target, "removed");
    this.store.putOrg({ ...org, members: org.members.filter((m) => m !== target) });
    this.store.audit(caller.actor, "member.remove", memberId);
    return { message: "Member removed." };
  }

  /** Sandbox only: the invitee accepts; an unknown address becomes a new user with its own key. */
  acceptInvitation(invitationId: string) {
    const org = this.store.tables.orgs.get(this.store.tables.orgIdByInvitation.get(invitationId) ?? "");
    const invitation = org?.invitations.find((i) => i.id === invitationId);
    if (!org || !invitation) throw new Refusal("not_found", "Invitation not found.");
    if (!this.store.pending(org).includes(invitation))
      throw new Refusal("conflict", "The invitation has expired.");
    let user = this.store.tables.userByEmail.get(normalise(invitation.email));
    const created = !user;
    if (!user) {
      const id = this.store.nextId("user");
      user = {
        id,
        email: invitation.email,
        username: invitation.email.split("@")[0]?.slice(0, 64) || id,
        name: null,
        enterpriseRole: STARTING_DATA.newUserEnterpriseRole,
        joinedAt: this.store.stamp(),
        // Random, so nobody can guess another user's key from an id.
        apiKey: `sandbox-key-${randomKey()}`,
      };
      this.store.change({ t: "user", id, v: user });
    }
    const at = this.store.stamp();
    this.store.putOrg({
      ...org,
      members: [...org.members, { userId: user.id, role: invitation.role, joinedAt: at, updatedAt: at }],
      invitations: org.invitations.filter((i) => i !== invitation),
    });
    this.store.audit(user, "invitation.accept", org.id);
    // Anyone may accept: only a user this call created learns a key (their own).
    return {
      user_id: user.id,
      ...(created && { api_key: user.apiKey }),
      organization_id: org.id,
      role: invitation.role,
    };
  }
}
