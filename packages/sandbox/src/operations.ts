// Routes and validators for every operation of one API, compiled from the contract as
// the contract reader reads it (operations over all eight methods, `$ref`s, the Ajv set-up).
import {
  type ApiName,
  basePath,
  type Contract,
  createSchemaCompiler,
  type OpenApiDocument,
  type Operation,
  type OperationEntry,
  operationsOf,
  parametersOf,
  resolveRef,
  type SchemaCompiler,
} from "@orgadmin/spec/portable";
import type { QueryType } from "./query.js";

type ValidateFunction = ReturnType<SchemaCompiler["compile"]>;

/** An operation of the contract with what the sandbox compiled for it. */
export interface CompiledOperation extends Operation {
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
  operations: CompiledOperation[];
  /** The operation for a method and a path below `basePath`, or why there is none. */
  find(
    method: string,
    pathname: string,
  ): { op: CompiledOperation; params: Record<string, string> } | "no-path" | "no-method";
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
 * own schema where the parameter is written (in components, or inline in the path item or the
 * operation); the reader says which parameters apply.
 */
function parameters(doc: OpenApiDocument, entry: OperationEntry, ref: (pointer: string) => { $ref: string }) {
  const groups: Record<"path" | "query", Group> = {
    path: { properties: {}, required: [] },
    query: { properties: {}, required: [] },
  };
  const queryDefaults: Record<string, unknown> = {};
  const queryTypes: Record<string, QueryType> = {};
  for (const { parameter: param, pointer } of parametersOf(doc, entry)) {
    if (param.in !== "path" && param.in !== "query") continue;
    groups[param.in].properties[param.name] = ref(`${pointer}/schema`);
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
  const entries = new Map(operationsOf(doc).map((entry) => [entry.pointer, entry]));
  const operations: CompiledOperation[] = contract.operations.map((op) => {
    const entry = entries.get(op.pointer) as OperationEntry;
    const { schema, queryDefaults, queryTypes } = parameters(doc, entry, compiler.ref);
    const body = entry.operation.requestBody;
    return {
      ...op,
      validateParams: compiler.ajv.compile(schema),
      validateBody: body?.content?.["application/json"]
        ? compiler.compile(`${op.pointer}/requestBody/content/application~1json/schema`)
        : undefined,
      bodyRequired: body?.required === true,
      successStatus: Number(op.success),
      rateLimited: op.statuses.includes("429"),
      queryDefaults,
      queryTypes,
      match: templateMatcher(op.path),
    };
  });
  return {
    name: contract.api,
    basePath: basePath(doc),
    prefix: routePrefix(doc),
    operations,
    find(method, pathname) {
      let pathFound = false;
      let get: { op: CompiledOperation; params: Record<string, string> } | undefined;
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
