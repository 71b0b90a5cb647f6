// `@orgadmin/spec/contract`: the one reader of the contract. Every package that reads the spec reads
// it through these modules; none parses it, resolves a `$ref` or compiles a schema on its own.
// It is `@orgadmin/spec/portable` (the reader without file access, for browsers and workers) plus
// reading the bundles from disk.
export { bundlePath, readBundle } from "./apis.js";
export { loadContract } from "./load.js";
export * from "./portable.js";
