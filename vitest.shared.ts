// Ceilings every package's vitest config shares. A test synchronises on events (a request
// received, a line logged, a process exited); these limits only end a test that hangs, so they are
// generous enough for a 2-core machine with other work running, never a speed budget.
export const CEILINGS = {
  testTimeout: 120_000,
  hookTimeout: 180_000,
  teardownTimeout: 60_000,
} as const;
