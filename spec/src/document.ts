// The shapes of a bundled OpenAPI 3.1 document, as far as the workspace reads them.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface RefObject {
  $ref: string;
}

/** `x-orgadmin-permission`: who may call an operation (the v1 permission matrix lives in the spec). */
export interface Permission {
  action: string;
  /** `account`: any authenticated caller; `enterprise`/`organization`: the caller's role there. */
  scope: "account" | "enterprise" | "organization";
  roles?: string[];
  /** The role the caller gets in what the operation creates (the new organization's owner). */
  creator_role?: string;
  /** The organization always keeps a member with this role: the last one is neither demoted nor removed. */
  keeps_role?: string;
  /**
   * Acting on a member whose role (or, for a role change, new role) is a key needs one of the roles
   * listed for it: `{owner: [owner]}` is "only an owner makes or unmakes an owner".
   */
  target_roles?: Record<string, string[]>;
}

export interface ParameterObject {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: unknown;
  [key: string]: unknown;
}

export interface OperationObject {
  operationId?: string;
  parameters?: Array<ParameterObject | RefObject>;
  requestBody?: { required?: boolean; content?: Record<string, { schema?: unknown; example?: unknown }> };
  responses?: Record<string, unknown>;
  servers?: ServerObject[];
  "x-orgadmin-permission"?: Permission;
  [key: string]: unknown;
}

export interface ServerObject {
  url: string;
  description?: string;
  variables?: Record<string, { default: string; enum?: string[]; description?: string }>;
}

export interface OpenApiDocument {
  openapi: string;
  servers?: ServerObject[];
  paths?: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}
