export type { RateLimitOptions } from "./rate-limit.js";
export { SEED_KEYS, type SeedKey } from "./seed.js";
export { type Sandbox, type SandboxOptions, startSandbox } from "./server.js";
