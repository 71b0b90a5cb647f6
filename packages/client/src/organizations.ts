import { type ApiClient, type ClientOptions, createApiClient, type JsonBody } from "./client.js";
import { type Attempt, infoOf, MalformedResponseError } from "./errors.js";
import type { components, operations, paths } from "./generated/organizations.js";
import { envelopeMessages } from "./generated/organizations-envelope.js";
import { organizationsError } from "./generated/organizations-errors.js";
import { paging } from "./generated/organizations-paging.js";
import { type PagingOptions, pagedWalk } from "./paginate.js";

export * from "./generated/organizations-errors.js";
export * from "./organizations-error.js";
export type { components, operations, paths };

type Json<Op extends keyof operations, Status extends number> = JsonBody<operations, Op, Status>;
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
function envelopeData(envelope: object, attempt: Attempt): unknown {
  const { status_code: code, status_message: message, data } = envelope as Record<string, unknown>;
  const success =
    typeof code === "number" && code >= 200 && code < 300 && message === envelopeMessages.success;
  if (success && data !== undefined && data !== null) return data;
  const info = infoOf(attempt);
  const { status, headers } = attempt.response as Response;
  if (typeof code !== "number" || typeof message !== "string" || success) {
    const missing = success ? "data" : "status_code and status_message";
    throw new MalformedResponseError(info, status, envelope, `without the envelope's ${missing}`);
  }
  const said = `returned HTTP ${status} with envelope status ${code} ${message}`;
  const detail = (data as { message?: unknown } | null)?.message;
  const text = typeof detail === "string" ? `${said}: ${detail}` : said;
  // Its class is the envelope's status: that is what the server said went wrong.
  throw organizationsError({ ...info, status, body: envelope, headers, message: text }, code);
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
 * Page-number paging of the v1 lists (from page 1): the next page, unless this one is short or reaches
 * the `total` the server reported (a total left out, or sent as something else, ends nothing).
 */
const nextPage = (page: number, size: number, received: number, total: unknown) =>
  received < size || (typeof total === "number" && page * size >= total) ? undefined : page + 1;

/** Every organization the caller belongs to, page by page, until a short page or `total` is reached. */
export function listAllOrganizations(
  client: OrganizationsClient,
  options: PagingOptions = {},
): AsyncGenerator<OrganizationSummary, void, undefined> {
  const operation = "GET /v1/organizations";
  return pagedWalk(operation, paging.listOrganizations, options, 1, async (page, page_size, signal) => {
    const query = { page, page_size };
    const { organizations, total } = await client.GET("/v1/organizations", { params: { query }, signal });
    return { items: organizations, next: nextPage(page, page_size, organizations.length, total) };
  });
}

/** Every member of an organization, page by page, until a short page or `total` is reached. */
export function listAllMembers(
  client: OrganizationsClient,
  organizationId: string,
  options: PagingOptions = {},
): AsyncGenerator<Member, void, undefined> {
  const operation = "GET /v1/organizations/{organization_id}/members";
  return pagedWalk(operation, paging.listMembers, options, 1, async (page, page_size, signal) => {
    const { members, total } = await client.GET("/v1/organizations/{organization_id}/members", {
      params: { path: { organization_id: organizationId }, query: { page, page_size } },
      signal,
    });
    return { items: members, next: nextPage(page, page_size, members.length, total) };
  });
}
