import type { Client } from "openapi-fetch";
import { type ClientOptions, createApiClient } from "./client.js";
import type { components, operations, paths } from "./generated/organizations.js";
import { paging } from "./generated/organizations-paging.js";
import { checkPageSize, isLastPage, type PagingOptions, walkPages } from "./paginate.js";
import { unwrapEnvelope } from "./unwrap.js";

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

export type OrganizationsClient = Client<paths>;

/** A client for the Organizations API v1 (every body in a `{status_code, status_message, data}` envelope). */
export function createOrganizationsClient(options: ClientOptions & { baseUrl: string }): OrganizationsClient {
  return createApiClient<paths>(options);
}

/** Every organization the caller belongs to, page by page, until a short page or `total` is reached. */
export function listAllOrganizations(
  client: OrganizationsClient,
  options: PagingOptions = {},
): AsyncGenerator<OrganizationSummary, void, undefined> {
  const page_size = checkPageSize(options.pageSize, paging.listOrganizations);
  const { signal } = options;
  return walkPages(
    1,
    async (page) => {
      const data = unwrapEnvelope(
        await client.GET("/v1/organizations", { params: { query: { page, page_size } }, signal }),
      );
      const items = data.organizations;
      const last = isLastPage(items.length, page_size, page * page_size, data.total);
      return { items, next: last ? undefined : page + 1 };
    },
    signal,
  );
}

/** Every member of an organization, page by page, until a short page or `total` is reached. */
export function listAllMembers(
  client: OrganizationsClient,
  organizationId: string,
  options: PagingOptions = {},
): AsyncGenerator<Member, void, undefined> {
  const page_size = checkPageSize(options.pageSize, paging.listMembers);
  const { signal } = options;
  return walkPages(
    1,
    async (page) => {
      const data = unwrapEnvelope(
        await client.GET("/v1/organizations/{organization_id}/members", {
          params: { path: { organization_id: organizationId }, query: { page, page_size } },
          signal,
        }),
      );
      const items = data.members;
      const last = isLastPage(items.length, page_size, page * page_size, data.total);
      return { items, next: last ? undefined : page + 1 };
    },
    signal,
  );
}
