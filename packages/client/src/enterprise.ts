import { type Answer, documentedJson } from "./call.js";
import { type ApiClient, type ClientOptions, createApiClient } from "./client.js";
import { enterpriseError } from "./enterprise-errors.js";
import type { components, operations, paths } from "./generated/enterprise.js";
import { paging } from "./generated/enterprise-paging.js";
import { defaultBaseUrl } from "./generated/enterprise-servers.js";
import { checkMaxPages, checkPageSize, isLastPage, type PagingOptions, walkPages } from "./paginate.js";

export * from "./enterprise-errors.js";
export type { components, operations, paths };

type Json<Op extends keyof operations, Status extends number> =
  operations[Op]["responses"] extends Record<Status, { content: { "application/json": infer Body } }>
    ? Body
    : never;

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
    defaultBaseUrl: DEFAULT_ENTERPRISE_BASE_URL,
    apiError: enterpriseError,
    payload: (body: unknown, answer: Answer) => documentedJson(body, answer),
  });
}

/** Every session insight, page by page (`limit`/`offset`); a short page is the last. */
export function listAllSessionInsights(
  client: EnterpriseClient,
  options: PagingOptions = {},
): AsyncGenerator<SessionInsight, void, undefined> {
  const limit = checkPageSize(options.pageSize, paging.listSessionInsights);
  const maxPages = checkMaxPages(options.maxPages);
  const { signal } = options;
  return walkPages(
    0,
    async (offset) => {
      const { sessions } = await client.GET("/sessions/insights", {
        params: { query: { limit, offset } },
        signal,
      });
      return {
        items: sessions,
        next: isLastPage(sessions.length, limit) ? undefined : offset + sessions.length,
      };
    },
    { operation: "GET /sessions/insights", signal, maxPages },
  );
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
  const limit = checkPageSize(options.pageSize, paging.listAuditLogs);
  const maxPages = checkMaxPages(options.maxPages);
  const { signal, startDate } = options;
  return walkPages<AuditLogEntry, { cursor?: string }>(
    {},
    async ({ cursor }) => {
      const query = { limit, ...(startDate && { start_date: startDate }), ...(cursor && { cursor }) };
      const page = await client.GET("/audit-logs", { params: { query }, signal });
      // A server may leave `next_cursor` out: read that as null, the last page.
      const next = page.next_cursor;
      return { items: page.logs, next: next ? { cursor: next } : undefined };
    },
    { operation: "GET /audit-logs", signal, maxPages },
  );
}
