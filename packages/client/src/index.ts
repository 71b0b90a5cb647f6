export { DEFAULT_MAX_RESPONSE_BYTES } from "./body-limit.js";
export type { ClientOptions } from "./client.js";
export {
  createEnterpriseClient,
  DEFAULT_ENTERPRISE_BASE_URL,
  type EnterpriseClient,
  listAllAuditLogs,
  listAllSessionInsights,
} from "./enterprise.js";
export {
  ApiError,
  ConnectionError,
  EnterpriseApiError,
  MalformedResponseError,
  OrgadminError,
  OrganizationsApiError,
  RequestTimeoutError,
  ResponseTooLargeError,
} from "./errors.js";
export {
  createOrganizationsClient,
  listAllMembers,
  listAllOrganizations,
  type OrganizationsClient,
} from "./organizations.js";
export { DEFAULT_MAX_PAGES, PagingError, type PagingOptions } from "./paginate.js";
export type { FetchLike } from "./resilient-fetch.js";
export { type FetchResult, unwrap, unwrapEnvelope } from "./unwrap.js";
