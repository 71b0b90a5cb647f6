// Facts other packages need, read from a bundled document instead of restated: servers and base
// paths, the v1 envelope's status messages, roles and the permission matrix.
import type { OpenApiDocument, Permission, ServerObject } from "./document.js";
import { operationsOf, statusesOf } from "./operations.js";
import { deref, isObject } from "./refs.js";
import { allOfParts } from "./schemas.js";

/** A server URL with each `{variable}` replaced by its default. */
export function serverUrl(server: ServerObject): string {
  return server.url.replace(/\{(\w+)\}/g, (_, name: string) => server.variables?.[name]?.default ?? name);
}

/** The document's server URLs, variables at their defaults; the first is the default base URL. */
export function serverUrls(doc: OpenApiDocument): string[] {
  return (doc.servers ?? []).map(serverUrl);
}

/** The default base URL: the first server's, variables at their defaults. */
export function defaultServerUrl(doc: OpenApiDocument): string {
  const [first] = serverUrls(doc);
  if (first === undefined) throw new Error("the document names no server");
  return first;
}

/** The path prefix of the first server URL, e.g. `/v2/enterprise`; empty for a host alone. */
export function basePath(doc: OpenApiDocument): string {
  const [first] = serverUrls(doc);
  if (first === undefined) return "";
  return new URL(first, "http://localhost").pathname.replace(/\/$/, "");
}

/**
 * The `const` a schema (through `$ref`s and `allOf`s) gives to one of its properties: the last part
 * that gives one wins, as the schema's own keys win over its members'.
 */
function constOf(doc: OpenApiDocument, schema: unknown, property: string): unknown {
  for (const part of allOfParts(doc, schema).reverse()) {
    const own = deref(doc, (part.properties as Record<string, unknown> | undefined)?.[property]).node;
    if (isObject(own) && "const" in own) return own.const;
  }
  return undefined;
}

export interface EnvelopeMessages {
  /** `status_message` of every success (v1: `SUCCESS`). */
  success: string;
  /** `status_message` by HTTP status of every documented error (v1: 404 → `NOT_FOUND`). */
  errors: Record<number, string>;
}

/**
 * The envelope's status messages, read from each documented response's `status_message` const.
 * Undefined for an API whose bodies carry no envelope (v2).
 */
export function envelopeMessages(doc: OpenApiDocument): EnvelopeMessages | undefined {
  let success: string | undefined;
  const errors: Record<number, string> = {};
  for (const { operation, path, method } of operationsOf(doc)) {
    for (const status of statusesOf(operation)) {
      const response = deref(doc, operation.responses?.[status]).node as
        | { content?: Record<string, { schema?: unknown }> }
        | undefined;
      const message = constOf(doc, response?.content?.["application/json"]?.schema, "status_message");
      if (typeof message !== "string") continue;
      const code = Number(status);
      const known = code < 300 ? success : errors[code];
      if (known !== undefined && known !== message)
        throw new Error(
          `${method.toUpperCase()} ${path} ${status}: status_message ${message}, elsewhere ${known}`,
        );
      if (code < 300) success = message;
      else errors[code] = message;
    }
  }
  return success === undefined ? undefined : { success, errors };
}

/** The roles the permission matrix names, in the order of the `Role` schema's enum. */
export function roles(doc: OpenApiDocument): string[] {
  const role = deref(doc, doc.components?.schemas?.Role).node;
  return isObject(role) && Array.isArray(role.enum) ? role.enum.map(String) : [];
}

export interface PermissionRow extends Permission {
  operationId: string;
  method: string;
  path: string;
}

/** The permission matrix: every operation's `x-orgadmin-permission`, in document order. */
export function permissionMatrix(doc: OpenApiDocument): PermissionRow[] {
  return operationsOf(doc).flatMap(({ operation, method, path }) => {
    const permission = operation["x-orgadmin-permission"];
    if (!permission) return [];
    return [
      { operationId: String(operation.operationId), method: method.toUpperCase(), path, ...permission },
    ];
  });
}

/**
 * The roles that may perform an operation on a member who has, or (for a role change) gets, any of
 * `memberRoles`: the operation's `roles`, narrowed by its `target_roles`.
 */
export function rolesAllowedOnMember(permission: Permission, memberRoles: readonly string[]): string[] {
  let allowed = permission.roles ?? [];
  for (const role of memberRoles) {
    const only = permission.target_roles?.[role];
    if (only) allowed = allowed.filter((r) => only.includes(r));
  }
  return allowed;
}

/** The role a creating operation gives its caller (`creator_role`): the new organization's owner. */
export function creatorRole(doc: OpenApiDocument): string {
  const role = permissionMatrix(doc).find((row) => row.creator_role !== undefined)?.creator_role;
  if (role === undefined) throw new Error("no operation declares a creator_role in x-orgadmin-permission");
  return role;
}
