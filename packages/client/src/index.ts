export { DEFAULT_MAX_RESPONSE_BYTES } from "./body-limit.js";
export type { FetchLike } from "./call.js";
export type { ApiClient, CallMethod, ClientOptions } from "./client.js";
export {
  createEnterpriseClient,
  DEFAULT_ENTERPRISE_BASE_URL,
  ENTERPRISE_API_KEY_VARIABLE,
  type EnterpriseClient,
  listAllAuditLogs,
  listAllSessionInsights,
} from "./enterprise.js";
export * from "./enterprise-error.js";
export {
  ApiError,
  type ApiErrorInit,
  type CallInfo,
  ConnectionError,
  MalformedResponseError,
  OrgadminError,
  RequestTimeoutError,
  ResponseTooLargeError,
} from "./errors.js";
export * from "./generated/enterprise-errors.js";
export * from "./generated/organizations-errors.js";
export type { Logger, LogLevel } from "./logger.js";
export {
  createOrganizationsClient,
  listAllMembers,
  listAllOrganizations,
  ORGANIZATIONS_API_KEY_VARIABLE,
  type OrganizationsClient,
} from "./organizations.js";
export * from "./organizations-error.js";
export { DEFAULT_MAX_PAGES, PagingError, type PagingOptions } from "./paginate.js";
