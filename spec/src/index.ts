// `@orgadmin/spec/contract`: the one reader of the contract. Every package that reads the spec reads
// it through these modules; none parses it, resolves a `$ref` or compiles a schema on its own.
// `@orgadmin/spec/portable` is the same reader without the file access (for browsers and workers).
export { API_NAMES, type ApiName, isApiName } from "./api-names.js";
export { bundlePath, readBundle } from "./apis.js";
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
export { loadContract } from "./load.js";
export {
  HTTP_METHODS,
  type HttpMethod,
  type OperationEntry,
  operationsOf,
  parametersOf,
  statusesOf,
} from "./operations.js";
export { atPointer, deref, escapePointer, type Resolved, resolveRef, unescapePointer } from "./refs.js";
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
