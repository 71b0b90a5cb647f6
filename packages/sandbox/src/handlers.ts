// Stage 6, handle: one handler per operationId of each API. Each turns validated, authorized input
// into a result (or throws a Refusal); the other stages are in pipeline.ts.

import type { Permission } from "@orgadmin/spec/portable";
import type { OrganizationsRules } from "./organizations-rules.js";
import type { EnterpriseRole, Organization, OrgRole, User } from "./state.js";
import type { Store } from "./store.js";

export interface Context {
  store: Store;
  actor: User;
  path: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  /** The operation's `x-orgadmin-permission`, as the contract declares it. */
  permission: Permission | undefined;
  /** For v1 organization-scoped operations: the organization and the caller's role in it. */
  org?: { org: Organization; role: OrgRole };
}

export type Handler = (ctx: Context) => unknown;

const orgOf = (ctx: Context): { org: Organization; role: OrgRole } => {
  if (!ctx.org) throw new Error("organization-scoped handler called without its organization");
  return ctx.org;
};
const permissionOf = (ctx: Context): Permission => {
  if (!ctx.permission) throw new Error("member rules called without the operation's permission");
  return ctx.permission;
};
const page = (ctx: Context) => ({ page: Number(ctx.query.page), page_size: Number(ctx.query.page_size) });

export const enterpriseHandlers: Record<string, Handler> = {
  listMembers: ({ store }) => store.v2.enterpriseMembers(),
  inviteMembers: ({ store, actor, body }) => {
    const b = body as { emails: string[]; role: EnterpriseRole };
    return store.v2.inviteToEnterprise(actor, b.emails, b.role);
  },
  createOrganization: ({ store, actor, body }) =>
    store.v2.createEnterpriseOrganization(actor, body as { name: string; acu_limit: number }),
  addRepositoryPermission: ({ store, actor, path, body }) =>
    store.v2.addRepositoryPermission(
      actor,
      path.org_id ?? "",
      body as { provider: string; repository: string; permission: string },
    ),
  listConsumptionCycles: ({ store }) => store.v2.consumptionCycles(),
  listSessionInsights: ({ store, query }) =>
    store.v2.sessionInsights(Number(query.limit), Number(query.offset)),
  listAuditLogs: ({ store, query }) =>
    store.v2.auditLogs({
      limit: Number(query.limit),
      ...(typeof query.start_date === "string" && { start_date: query.start_date }),
      ...(typeof query.cursor === "string" && { cursor: query.cursor }),
    }),
};

export const organizationsHandlers: Record<string, Handler> = {
  createOrganization: ({ store, actor, body }) =>
    store.v1.createOrganization(actor, body as Parameters<OrganizationsRules["createOrganization"]>[1]),
  listOrganizations: (ctx) => ctx.store.v1.listOrganizations(ctx.actor, page(ctx)),
  getOrganization: (ctx) => ctx.store.v1.getOrganization(orgOf(ctx).org),
  updateOrganization: (ctx) =>
    ctx.store.v1.updateOrganization(
      ctx.actor,
      orgOf(ctx).org,
      ctx.body as Parameters<OrganizationsRules["updateOrganization"]>[2],
    ),
  deleteOrganization: (ctx) => ctx.store.v1.deleteOrganization(ctx.actor, orgOf(ctx).org),
  createInvitation: (ctx) =>
    ctx.store.v1.createInvitation(
      ctx.actor,
      orgOf(ctx).org,
      ctx.body as Parameters<OrganizationsRules["createInvitation"]>[2],
    ),
  listMembers: (ctx) => ctx.store.v1.listMembers(orgOf(ctx).org, page(ctx)),
  updateMemberRole: (ctx) => {
    const { org, role } = orgOf(ctx);
    const next = (ctx.body as { role: OrgRole }).role;
    return ctx.store.v1.updateMemberRole(
      { actor: ctx.actor, role, permission: permissionOf(ctx) },
      org,
      ctx.path.member_id ?? "",
      next,
    );
  },
  removeMember: (ctx) => {
    const { org, role } = orgOf(ctx);
    return ctx.store.v1.removeMember(
      { actor: ctx.actor, role, permission: permissionOf(ctx) },
      org,
      ctx.path.member_id ?? "",
    );
  },
};
