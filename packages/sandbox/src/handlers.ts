// Stage 6, handle: one handler per operationId of each API. Each turns validated, authorized input
// into a result (or throws a Refusal); the other stages are in pipeline.ts.

import type { Organization, OrgRole, User } from "./state.js";
import type { Store } from "./store.js";

export interface Context {
  store: Store;
  actor: User;
  path: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  /** For v1 organization-scoped operations: the organization and the caller's role in it. */
  org?: { org: Organization; role: OrgRole };
}

export type Handler = (ctx: Context) => unknown;

const orgOf = (ctx: Context): { org: Organization; role: OrgRole } => {
  if (!ctx.org) throw new Error("organization-scoped handler called without its organization");
  return ctx.org;
};
const page = (ctx: Context) => ({ page: Number(ctx.query.page), page_size: Number(ctx.query.page_size) });

export const enterpriseHandlers: Record<string, Handler> = {
  listMembers: ({ store }) => store.enterpriseMembers(),
  inviteMembers: ({ store, actor, body }) => {
    const b = body as { emails: string[]; role: "admin" | "member" };
    return store.inviteToEnterprise(actor, b.emails, b.role);
  },
  createOrganization: ({ store, actor, body }) =>
    store.createEnterpriseOrganization(actor, body as { name: string; acu_limit: number }),
  addRepositoryPermission: ({ store, actor, path, body }) =>
    store.addRepositoryPermission(
      actor,
      path.org_id ?? "",
      body as { provider: string; repository: string; permission: string },
    ),
  listConsumptionCycles: ({ store }) => store.consumptionCycles(),
  listSessionInsights: ({ store, query }) => store.sessionInsights(Number(query.limit), Number(query.offset)),
  listAuditLogs: ({ store, query }) =>
    store.auditLogs({
      limit: Number(query.limit),
      ...(typeof query.start_date === "string" && { start_date: query.start_date }),
      ...(typeof query.cursor === "string" && { cursor: query.cursor }),
    }),
};

export const organizationsHandlers: Record<string, Handler> = {
  createOrganization: ({ store, actor, body }) =>
    store.createOrganization(actor, body as Parameters<Store["createOrganization"]>[1]),
  listOrganizations: (ctx) => ctx.store.listOrganizations(ctx.actor, page(ctx)),
  getOrganization: (ctx) => ctx.store.getOrganization(orgOf(ctx).org),
  updateOrganization: (ctx) =>
    ctx.store.updateOrganization(
      ctx.actor,
      orgOf(ctx).org,
      ctx.body as Parameters<Store["updateOrganization"]>[2],
    ),
  deleteOrganization: (ctx) => ctx.store.deleteOrganization(ctx.actor, orgOf(ctx).org),
  createInvitation: (ctx) =>
    ctx.store.createInvitation(
      ctx.actor,
      orgOf(ctx).org,
      ctx.body as Parameters<Store["createInvitation"]>[2],
    ),
  listMembers: (ctx) => ctx.store.listMembers(orgOf(ctx).org, page(ctx)),
  updateMemberRole: (ctx) => {
    const { org, role } = orgOf(ctx);
    const next = (ctx.body as { role: OrgRole }).role;
    return ctx.store.updateMemberRole(ctx.actor, role, org, ctx.path.member_id ?? "", next);
  },
  removeMember: (ctx) => {
    const { org, role } = orgOf(ctx);
    return ctx.store.removeMember(ctx.actor, role, org, ctx.path.member_id ?? "");
  },
};
