// `@orgadmin/sandbox` outside Node (browsers, workers, bundlers): the core alone.
export type { Clock } from "./clock.js";
export { createSandbox, type SandboxCore, type SandboxCoreOptions } from "./core.js";
export {
  type OrganizationFixture,
  SeedError,
  type Seeded,
  type SeedFixtures,
  type UserFixture,
} from "./fixtures.js";
export type { RateLimitOptions } from "./rate-limit.js";
export type { OperationIds, ScenarioBehaviour } from "./scenarios.js";
export { SEED_KEYS, type SeedKey } from "./seed.js";
export {
  STARTING_KEYS,
  STARTING_ORGANIZATIONS,
  type StartingKeys,
  type StartingOrganizations,
} from "./starting-data.js";
