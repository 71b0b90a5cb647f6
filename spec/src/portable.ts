// `@orgadmin/spec/portable`: the contract reader without file access, for code that runs in
// browsers, workers, Deno and Bun as well as Node. Read a bundle with `contractOf(api, document)`,
// the document imported as a JSON module (`@orgadmin/spec/<api>.json`, `with { type: "json" }`).
// `@orgadmin/spec/contract` is this plus reading the bundles from disk.
export { API_NAMES, type ApiName, isApiName } from "./api-names.js";
export { type Contract, contractOf, type Operation } from "./contract.js";
export type {
  Json,
  OpenApiDocument,
  OperationObject,
  ParameterObject,
  Permission,
  RefObject,
  ServerObject,
} from "./document.js";
export {
  basePath,
  creatorRole,
  defaultServerUrl,
  type EnvelopeMessages,
  envelopeMessages,
  type PermissionRow,
  permissionMatrix,
  roles,
  rolesAllowedOnMember,
  serverUrl,
  serverUrls,
} from "./facts.js";
export {
  HTTP_METHODS,
  type HttpMethod,
  type OperationEntry,
  operationsOf,
  type ParameterEntry,
  parametersOf,
  statusesOf,
} from "./operations.js";
export {
  atPointer,
  deref,
  escapePointer,
  isObject,
  type Resolved,
  resolveRef,
  unescapePointer,
} from "./refs.js";
export { allOfParts } from "./schemas.js";
export {
  createSchemaCompiler,
  describeProblem,
  jsonPath,
  pointerSegments,
  type SchemaCompiler,
  type SchemaCompilerOptions,
  type SchemaProblem,
  schemaProblems,
} from "./validation.js";
