import { ApiError, type ApiErrorInit } from "./errors.js";
import type { components } from "./generated/enterprise.js";

type ErrorCode = components["schemas"]["Error"]["code"];

/**
 * An ApiError from the Enterprise admin API v2, whose error bodies are `{code, message}`. Each status
 * the API documents has a subclass (generated/enterprise-errors.ts): EnterpriseNotFoundError, …
 */
export class EnterpriseApiError extends ApiError {
  /** The body's `code` (`"rate_limited"`, `"not_found"`, …); undefined when the body is not `{code}`. */
  declare readonly code: ErrorCode | undefined;
  constructor(init: ApiErrorInit) {
    super(init);
    const code = (init.body as { code?: unknown } | null | undefined)?.code;
    this.code = typeof code === "string" ? (code as ErrorCode) : undefined;
  }
}
