// Routes and validators for every operation of one API, compiled from its bundled document.
import type { ValidateFunction } from "ajv/dist/2020.js";
import {
  type ApiName,
  basePath,
  METHODS,
  type OpenApiDocument,
  type OperationObject,
  type ParameterObject,
  type Permission,
  type RefObject,
  resolveRef,
  routePrefix,
} from "./contract.js";
import type { QueryType } from "./query.js";
import { createCompiler } from "./validation.js";

export interface Operation {
  api: ApiName;
  operationId: string;
  method: string;
  path: string;
  permission: Permission | undefined;
  /** Validates `{path: {...}, query: {...}}` (query values decoded by query.ts first). */
  validateParams: ValidateFunction;
  /** Validates the JSON body, when the operation takes one. */
  validateBody: ValidateFunction | undefined;
  bodyRequired: boolean;
  /** The one 2xx status the spec documents for the operation. */
  successStatus: number;
  /** Query parameter defaults declared in the spec (Ajv does not apply defaults behind a $ref). */
  queryDefaults: Record<string, unknown>;
  /** The declared type of each query parameter, to decode its text. */
  queryTypes: Record<string, QueryType>;
  match(pathname: string): Record<string, string> | undefined;
}

export interface Api {
  name: ApiName;
  /** The server URL's path, stripped before matching (`/v2/enterprise`; empty for v1). */
  basePath: string;
  /** Paths under this prefix belong to this API (`/v2/enterprise`, `/v1`). */
  prefix: string;
  operations: Operation[];
  /** The operation for a method and a path below `basePath`, or why there is none. */
  find(
    method: string,
    pathname: string,
  ): { op: Operation; params: Record<string, string> } | "no-path" | "no-method";
}

const escapePointer = (s: string): string => s.replace(/~/g, "~0").replace(/\//g, "~1");

/** `/a/{id}/b` → a matcher yielding `{id}`; one segment per parameter, never across `/`. */
function templateMatcher(template: string): (pathname: string) => Record<string, string> | undefined {
  const names: string[] = [];
  const source = template
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (!name) return part.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
      names.push(name);
      return "([^/]+)";
    })
    .join("");
  const regex = new RegExp(`^${source}$`);
  return (pathname) => {
    const m = regex.exec(pathname);
    if (!m) return undefined;
    const out: Record<string, string> = {};
    names.forEach((n, i) => {
      out[n] = m[i + 1] ?? "";
    });
    return out;
  };
}

/** One object schema per operation for its path and query parameters, pointing at the spec's own. */
function paramsSchema(
  doc: OpenApiDocument,
  pathPointer: string,
  method: string,
  op: OperationObject,
  shared: unknown[],
) {
  const groups: Record<"path" | "query", { properties: Record<string, unknown>; required: string[] }> = {
    path: { properties: {}, required: [] },
    query: { properties: {}, required: [] },
  };
  const queryDefaults: Record<string, unknown> = {};
  const queryTypes: Record<string, QueryType> = {};
  const all = [...shared, ...(op.parameters ?? [])] as Array<ParameterObject | RefObject>;
  all.forEach((raw, index) => {
    const param = resolveRef<ParameterObject>(doc, raw);
    if (param.in !== "path" && param.in !== "query") return;
    // Point at the parameter's schema where it lives: in components, or inline in the path item.
    const where =
      "$ref" in raw
        ? `${raw.$ref.replace(/^#/, "")}/schema`
        : index < shared.length
          ? `${pathPointer}/parameters/${index}/schema`
          : `${pathPointer}/${method}/parameters/${index - shared.length}/schema`;
    groups[param.in].properties[param.name] = { $ref: where };
    if (param.required) groups[param.in].required.push(param.name);
    const schema = resolveRef<{ default?: unknown; type?: QueryType }>(doc, param.schema as RefObject);
    if (param.in === "query" && schema.default !== undefined) queryDefaults[param.name] = schema.default;
    if (param.in === "query" && schema.type) queryTypes[param.name] = schema.type;
  });
  return { groups, queryDefaults, queryTypes };
}

/** Compiles every operation of the API's document. */
export function compileApi(name: ApiName, doc: OpenApiDocument): Api {
  const compiler = createCompiler(doc, name);
  const id = compiler.id;
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    const pathPointer = `/paths/${escapePointer(path)}`;
    const shared = (item.parameters as unknown[] | undefined) ?? [];
    for (const method of METHODS) {
      const op = item[method] as OperationObject | undefined;
      if (!op) continue;
      const { groups, queryDefaults, queryTypes } = paramsSchema(doc, pathPointer, method, op, shared);
      for (const group of Object.values(groups)) {
        for (const [k, v] of Object.entries(group.properties)) {
          group.properties[k] = { $ref: `${id}#${(v as RefObject).$ref}` };
        }
      }
      const validateParams = compiler.compileSchema({
        type: "object",
        properties: Object.fromEntries(
          Object.entries(groups).map(([where, g]) => [
            where,
            { type: "object", properties: g.properties, required: g.required },
          ]),
        ),
      });
      const json = op.requestBody?.content["application/json"];
      const validateBody = json
        ? compiler.compile(`${pathPointer}/${method}/requestBody/content/application~1json/schema`)
        : undefined;
      operations.push({
        api: name,
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        permission: op["x-orgadmin-permission"],
        validateParams,
        validateBody,
        bodyRequired: op.requestBody?.required === true,
        successStatus: Number(Object.keys(op.responses).find((s) => s.startsWith("2"))),
        queryDefaults,
        queryTypes,
        match: templateMatcher(path),
      });
    }
  }
  return {
    name,
    basePath: basePath(doc),
    prefix: routePrefix(doc),
    operations,
    find(method, pathname) {
      let pathFound = false;
      let get: { op: Operation; params: Record<string, string> } | undefined;
      for (const op of operations) {
        const params = op.match(pathname);
        if (!params) continue;
        pathFound = true;
        if (op.method === method) return { op, params };
        if (op.method === "GET") get = { op, params };
      }
      // HEAD is GET without the body, where the contract gives HEAD no operation of its own.
      if (method === "HEAD" && get) return get;
      return pathFound ? "no-method" : "no-path";
    },
  };
}
