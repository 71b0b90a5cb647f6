// Ceilings every package's vitest config shares. A test synchronises on events (a request
// received, a line logged, a process exited); these limits only end a test that hangs, so they are
// generous enough for a 2-core machine with other work running, never a speed budget.
export const CEILINGS = {
  testTimeout: 120_000,
  hookTimeout: 180_000,
  teardownTimeout: 60_000,
} as const;

/**
 * What every run leaves out of its output: vitest's performance hints (each package chose its
 * isolation on purpose). A passing run prints its tests and its summary, nothing else.
 */
export const QUIET = { experimental: { diagnostics: false } } as const;

// The type tests (`typecheck.enabled`) are deliberate: vitest's notice that checking types is an
// experimental feature of its own would print on every run.
process.env.VITEST_DISABLE_EXPERIMENTAL_LOG = "true";
