// `@orgadmin/sandbox` in Node: the core, and the server around it.
export * from "./core-index.js";
export { type Sandbox, type SandboxOptions, startSandbox } from "./server.js";
