import { type Answer, documentedJson } from "./call.js";
import { type ApiClient, type ClientOptions, createApiClient } from "./client.js";
import { MalformedResponseError } from "./errors.js";
import type { components, operations, paths } from "./generated/organizations.js";
import { envelopeMessages } from "./generated/organizations-envelope.js";
import { paging } from "./generated/organizations-paging.js";
import { organizationsError } from "./organizations-errors.js";
import {
  checkMaxPages,
  checkPageSize,
  isLastPage,
  type PageSizeBounds,
  type PagingOptions,
  walkPages,
} from "./paginate.js";

export * from "./organizations-errors.js";
export type { components, operations, paths };

type Json<Op extends keyof operations, Status extends number> =
  operations[Op]["responses"] extends Record<Status, { content: { "application/json": infer Body } }>
    ? Body
    : never;
/** The `data` of an operation's success envelope. */
type Data<Op extends keyof operations> = Json<Op, 200> extends { data?: infer D } ? NonNullable<D> : never;

export type Role = components["schemas"]["Role"];
/** An organization as created, with its owner. */
export type Organization = Data<"createOrganization">;
/** An organization in a list, with the caller's role in it. */
export type OrganizationSummary = Data<"listOrganizations">["organizations"][number];
/** An organization with its settings and counts. */
export type OrganizationDetail = Data<"getOrganization">;
export type OrganizationSettings = OrganizationDetail["settings"];
export type Member = Data<"listMembers">["members"][number];
export type UpdatedMember = Data<"updateMemberRole">;
export type Invitation = Data<"createInvitation">;
/** The envelope of every error response. */
export type ErrorEnvelope = components["schemas"]["ErrorEnvelope"];

/** Each call resolves to the success envelope's `data`, typed from the spec, or rejects with an OrgadminError. */
export type OrganizationsClient = ApiClient<paths, "envelope">;

/** Where the key is read from when `apiKey` is omitted. */
export const ORGANIZATIONS_API_KEY_VARIABLE = "ORGADMIN_API_KEY";

/**
 * The envelope's `data`, only when the envelope says success too (`status_code` 2xx and `status_message`
 * "SUCCESS"): a server may answer HTTP 200 with `{status_code: 400, status_message: "BAD_REQUEST", …}`,
 * which is an ApiError of the envelope's status.
 */
function envelopeData(body: unknown, answer: Answer): unknown {
  const envelope = documentedJson(body, answer) as Record<string, unknown>;
  const { status_code: code, status_message: message, data } = envelope;
  const success =
    typeof code === "number" && code >= 200 && code < 300 && message === envelopeMessages.success;
  if (success && data !== undefined && data !== null) return data;
  const { status, headers } = answer;
  const malformed = (problem: string) => new MalformedResponseError(answer.info(), status, envelope, problem);
  if (typeof code !== "number" || typeof message !== "string") {
    throw malformed("without the envelope's status_code and status_message");
  }
  if (success) throw malformed("without the envelope's data");
  const detail = (data as { message?: unknown } | null)?.message;
  const said = `returned HTTP ${status} with envelope status ${code} ${message}`;
  const init = { ...answer.info(), status, body: envelope, headers };
  // Its class is the envelope's status: that is what the server said went wrong.
  throw organizationsError(
    { ...init, message: typeof detail === "string" ? `${said}: ${detail}` : said },
    code,
  );
}

/** A client for the Organizations API v1 (every body in a `{status_code, status_message, data}` envelope). */
export function createOrganizationsClient(options: ClientOptions & { baseUrl: string }): OrganizationsClient {
  return createApiClient(options, {
    keyVariable: ORGANIZATIONS_API_KEY_VARIABLE,
    apiError: organizationsError,
    payload: envelopeData,
  });
}

/**
 * Page-number paging of the v1 lists: from page 1 until a short page, an empty page or `total`.
 * `fetchPage` only says how to ask for one page and where its items are.
 */
function walkNumberedPages<T>(
  operation: string,
  bounds: PageSizeBounds,
  options: PagingOptions,
  fetchPage: (
    query: { page: number; page_size: number },
    signal: AbortSignal | undefined,
  ) => Promise<{ items: readonly T[]; total: number }>,
): AsyncGenerator<T, void, undefined> {
  const page_size = checkPageSize(options.pageSize, bounds);
  const maxPages = checkMaxPages(options.maxPages);
  const { signal } = options;
  return walkPages(
    1,
    async (page) => {
      const { items, total } = await fetchPage({ page, page_size }, signal);
      const last = isLastPage(items.length, page_size, page * page_size, total);
      return { items, next: last ? undefined : page + 1 };
    },
    { operation, signal, maxPages },
  );
}

/** Every organization the caller belongs to, page by page, until a short page or `total` is reached. */
export function listAllOrganizations(
  client: OrganizationsClient,
  options: PagingOptions = {},
): AsyncGenerator<OrganizationSummary, void, undefined> {
  return walkNumberedPages(
    "GET /v1/organizations",
    paging.listOrganizations,
    options,
    async (query, signal) => {
      const data = await client.GET("/v1/organizations", { params: { query }, signal });
      return { items: data.organizations, total: data.total };
    },
  );
}

/** Every member of an organization, page by page, until a short page or `total` is reached. */
export function listAllMembers(
  client: OrganizationsClient,
  organizationId: string,
  options: PagingOptions = {},
): AsyncGenerator<Member, void, undefined> {
  return walkNumberedPages(
    "GET /v1/organizations/{organization_id}/members",
    paging.listMembers,
    options,
    async (query, signal) => {
      const data = await client.GET("/v1/organizations/{organization_id}/members", {
        params: { path: { organization_id: organizationId }, query },
        signal,
      });
      return { items: data.members, total: data.total };
    },
  );
}
