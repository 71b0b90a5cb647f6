import { type ApiClient, type ClientOptions, createApiClient, type JsonBody } from "./client.js";
import type { components, operations, paths } from "./generated/enterprise.js";
import { enterpriseError } from "./generated/enterprise-errors.js";
import { paging } from "./generated/enterprise-paging.js";
import { defaultBaseUrl } from "./generated/enterprise-servers.js";
import { type PagingOptions, pagedWalk } from "./paginate.js";

export * from "./enterprise-error.js";
export * from "./generated/enterprise-errors.js";
export type { components, operations, paths };

type Json<Op extends keyof operations, Status extends number> = JsonBody<operations, Op, Status>;

export type Member = Json<"listMembers", 200>["members"][number];
export type Role = Member["role"];
export type Invitation = Json<"inviteMembers", 200>["invited"][number];
export type Organization = Json<"createOrganization", 201>;
export type ConsumptionCycle = Json<"listConsumptionCycles", 200>["cycles"][number];
export type SessionInsight = Json<"listSessionInsights", 200>["sessions"][number];
export type AuditLogEntry = Json<"listAuditLogs", 200>["logs"][number];
export type RepositoryPermission = Json<"addRepositoryPermission", 201>;
/** The body of every error response: `{code, message}`. */
export type ErrorBody = Json<"listMembers", 401>;

/** Each call resolves to the success body, typed from the spec, or rejects with an OrgadminError. */
export type EnterpriseClient = ApiClient<paths, "body">;

/** The spec's first server (generated from its `servers`, never written here). */
export const DEFAULT_ENTERPRISE_BASE_URL: typeof defaultBaseUrl = defaultBaseUrl;

/** Where the key is read from when `apiKey` is omitted (the name the API's own guides use). */
export const ENTERPRISE_API_KEY_VARIABLE = "DEVIN_API_KEY";

/** A client for the Enterprise admin API v2 (bare JSON bodies). */
export function createEnterpriseClient(options: ClientOptions = {}): EnterpriseClient {
  return createApiClient(options, {
    keyVariable: ENTERPRISE_API_KEY_VARIABLE,
    defaultBaseUrl,
    apiError: enterpriseError,
  });
}

/** Every session insight, page by page (`limit`/`offset`); a short page is the last. */
export function listAllSessionInsights(
  client: EnterpriseClient,
  options: PagingOptions = {},
): AsyncGenerator<SessionInsight, void, undefined> {
  const operation = "GET /sessions/insights";
  return pagedWalk(operation, paging.listSessionInsights, options, 0, async (offset, limit, signal) => {
    const query = { limit, offset };
    const { sessions } = await client.GET("/sessions/insights", { params: { query }, signal });
    return { items: sessions, next: sessions.length < limit ? undefined : offset + sessions.length };
  });
}

export interface AuditLogPagingOptions extends PagingOptions {
  /** Only entries at or after this instant (ISO 8601 date-time). */
  startDate?: string;
}

/**
 * Every audit log entry, newest first, following `next_cursor` until it is null. A cursor handed out
 * twice is a PagingError.
 */
export function listAllAuditLogs(
  client: EnterpriseClient,
  options: AuditLogPagingOptions = {},
): AsyncGenerator<AuditLogEntry, void, undefined> {
  const { startDate } = options;
  const first: { cursor?: string } = {};
  return pagedWalk(
    "GET /audit-logs",
    paging.listAuditLogs,
    options,
    first,
    async ({ cursor }, limit, signal) => {
      const query = { limit, ...(startDate && { start_date: startDate }), ...(cursor && { cursor }) };
      const { logs, next_cursor: next } = await client.GET("/audit-logs", { params: { query }, signal });
      // A server may leave `next_cursor` out: read that as null, the last page.
      return { items: logs, next: next ? { cursor: next } : undefined };
    },
  );
}
