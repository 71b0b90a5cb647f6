import { unsupportedNode } from "./node-floor.js";

// `@orgadmin/sandbox` in Node: the core, and the server around it.
export * from "./core-index.js";
export { type Sandbox, type SandboxOptions, startSandbox } from "./server.js";

// After the exports' modules load (none loads node:sqlite), before anything can use them.
const unsupported = unsupportedNode();
if (unsupported) {
  // The message is the whole story: no stack under it.
  throw Object.assign(new Error(unsupported), { stack: `Error: ${unsupported}` });
}
