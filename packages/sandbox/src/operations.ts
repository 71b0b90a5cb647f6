// Routes and validators for every operation of one API, compiled from the contract as
// the contract reader reads it (operations over all eight methods, `$ref`s, the Ajv set-up).
import {
  type ApiName,
  atPointer,
  basePath,
  type Contract,
  createSchemaCompiler,
  type OpenApiDocument,
  type OperationObject,
  type ParameterObject,
  type Permission,
  type RefObject,
  resolveRef,
  type SchemaCompiler,
} from "@orgadmin/spec/portable";
import type { QueryType } from "./query.js";

type ValidateFunction = ReturnType<SchemaCompiler["compile"]>;

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
  /** Whether the operation documents a `429`: the rate limit applies to it. */
  rateLimited: boolean;
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

/**
 * The path prefix that says a request is for this API: the server's base path, or when the server
 * URL has none (v1's is `{scheme}://{host}`), the first segment every path shares (`/v1`).
 */
export function routePrefix(doc: OpenApiDocument): string {
  const base = basePath(doc);
  if (base) return base;
  const firsts = new Set(Object.keys(doc.paths ?? {}).map((p) => `/${p.split("/")[1] ?? ""}`));
  const [only] = firsts;
  if (firsts.size !== 1 || !only) throw new Error("the paths share no first segment to route by");
  return only;
}

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

interface Group {
  properties: Record<string, unknown>;
  required: string[];
}

/**
 * One object schema per operation for its path and query parameters, each pointing at the spec's
 * own schema where it lives (in components, or inline in the path item or the operation); an
 * operation's parameter overrides the path item's of the same `in` and `name`.
 */
function parameters(doc: OpenApiDocument, opPointer: string, ref: (pointer: string) => { $ref: string }) {
  const itemPointer = opPointer.slice(0, opPointer.lastIndexOf("/"));
  const listed = (pointer: string) =>
    ((atPointer(doc, `${pointer}/parameters`) as Array<ParameterObject | RefObject> | undefined) ?? []).map(
      (raw, index) => ({
        param: resolveRef<ParameterObject>(doc, raw),
        // Where the parameter's schema is: behind its `$ref`, or inline at its index.
        schemaPointer:
          typeof raw.$ref === "string"
            ? `${raw.$ref.slice(1)}/schema`
            : `${pointer}/parameters/${index}/schema`,
      }),
    );
  const own = listed(opPointer);
  const key = (p: ParameterObject) => `${p.in} ${p.name}`;
  const ownKeys = new Set(own.map(({ param }) => key(param)));
  const all = [...listed(itemPointer).filter(({ param }) => !ownKeys.has(key(param))), ...own];

  const groups: Record<"path" | "query", Group> = {
    path: { properties: {}, required: [] },
    query: { properties: {}, required: [] },
  };
  const queryDefaults: Record<string, unknown> = {};
  const queryTypes: Record<string, QueryType> = {};
  for (const { param, schemaPointer } of all) {
    if (param.in !== "path" && param.in !== "query") continue;
    groups[param.in].properties[param.name] = ref(schemaPointer);
    if (param.required) groups[param.in].required.push(param.name);
    const schema = resolveRef<{ default?: unknown; type?: QueryType }>(doc, param.schema);
    if (param.in === "query" && schema.default !== undefined) queryDefaults[param.name] = schema.default;
    if (param.in === "query" && schema.type) queryTypes[param.name] = schema.type;
  }
  const schema = {
    type: "object",
    properties: Object.fromEntries(
      Object.entries(groups).map(([where, g]) => [where, { type: "object", ...g }]),
    ),
  };
  return { schema, queryDefaults, queryTypes };
}

/** Compiles every operation of the API's contract. */
export function compileApi(contract: Contract): Api {
  const doc = contract.document;
  // Query text is decoded by query.ts before validation, so nothing is coerced here.
  const compiler = createSchemaCompiler(doc, `urn:orgadmin:sandbox:${contract.api}`);
  const operations: Operation[] = contract.operations.map((entry) => {
    const op = atPointer(doc, entry.pointer) as OperationObject;
    const { schema, queryDefaults, queryTypes } = parameters(doc, entry.pointer, compiler.ref);
    const json = op.requestBody?.content?.["application/json"];
    return {
      api: contract.api,
      operationId: entry.operationId,
      method: entry.method,
      path: entry.path,
      permission: entry.permission,
      validateParams: compiler.ajv.compile(schema),
      validateBody: json
        ? compiler.compile(`${entry.pointer}/requestBody/content/application~1json/schema`)
        : undefined,
      bodyRequired: op.requestBody?.required === true,
      successStatus: Number(entry.success),
      rateLimited: entry.statuses.includes("429"),
      queryDefaults,
      queryTypes,
      match: templateMatcher(entry.path),
    };
  });
  return {
    name: contract.api,
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
