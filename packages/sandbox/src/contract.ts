// The bundled contract, read from the @orgadmin/spec package's own files (never a copy), and the
// facts the sandbox takes from it rather than restating them.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

export type ApiName = "enterprise" | "organizations";

/** Every method an OpenAPI path item can hold an operation for. */
export const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

export interface Permission {
  action: string;
  scope: "account" | "organization";
  roles?: string[];
}

export interface OperationObject {
  operationId: string;
  parameters?: Array<ParameterObject | RefObject>;
  requestBody?: { required?: boolean; content: Record<string, { schema: unknown }> };
  responses: Record<string, unknown>;
  "x-orgadmin-permission"?: Permission;
}

export interface ParameterObject {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema: unknown;
}

export interface RefObject {
  $ref: string;
}

export interface OpenApiDocument {
  openapi: string;
  servers: Array<{ url: string; variables?: Record<string, { default: string }> }>;
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
}

const require = createRequire(import.meta.url);

/** Reads the bundled JSON document of one API from @orgadmin/spec. */
export function loadContract(api: ApiName): OpenApiDocument {
  const file = require.resolve(`@orgadmin/spec/${api}.json`);
  return JSON.parse(readFileSync(file, "utf8")) as OpenApiDocument;
}

/** Follows a local `#/...` reference inside `doc`. */
export function resolveRef<T>(doc: OpenApiDocument, node: T | RefObject): T {
  if (!node || typeof node !== "object" || !("$ref" in node)) return node as T;
  const pointer = node.$ref.replace(/^#\//, "").split("/");
  let target: unknown = doc;
  for (const raw of pointer) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    target = (target as Record<string, unknown>)[key];
  }
  return target as T;
}

/** The path prefix of the first server URL, e.g. `/v2/enterprise` (variables take their default). */
export function basePath(doc: OpenApiDocument): string {
  const server = doc.servers[0];
  if (!server) return "";
  const url = server.url.replace(
    /\{(\w+)\}/g,
    (_, name: string) => server.variables?.[name]?.default ?? name,
  );
  return new URL(url).pathname.replace(/\/$/, "");
}

/**
 * The path prefix that says a request is for this API: the server's base path, or when the server
 * URL has none (v1's is `{scheme}://{host}`), the first segment every path shares (`/v1`).
 */
export function routePrefix(doc: OpenApiDocument): string {
  const base = basePath(doc);
  if (base) return base;
  const firsts = new Set(Object.keys(doc.paths).map((p) => `/${p.split("/")[1] ?? ""}`));
  const [only] = firsts;
  if (firsts.size !== 1 || !only) throw new Error("the paths share no first segment to route by");
  return only;
}

/**
 * HTTP status → `status_message`, wherever the document pins the pair with `const`s
 * (`SuccessEnvelope`: 200 SUCCESS; the error responses: 404 NOT_FOUND, …).
 */
export function statusMessages(doc: OpenApiDocument): Map<number, string> {
  const found = new Map<number, string>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== "object") return;
    const props = (node as { properties?: Record<string, { const?: unknown }> }).properties;
    const code = props?.status_code?.const;
    const message = props?.status_message?.const;
    if (typeof code === "number" && typeof message === "string") found.set(code, message);
    for (const value of Object.values(node)) visit(value);
  };
  visit(doc.components);
  return found;
}
