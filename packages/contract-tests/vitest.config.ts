import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "contract",
          include: ["test/**/*.test.ts"],
          exclude: ["test/coverage-gate.test.ts", "test/fixtures/**"],
          // One Prism per API for the whole run, not per test.
          globalSetup: ["test/setup/run-dir.ts", "test/setup/servers.ts"],
          typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "tsconfig.json" },
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        // Runs after every contract test has finished and recorded what it exercised.
        test: {
          name: "coverage-gate",
          include: ["test/coverage-gate.test.ts"],
          globalSetup: ["test/setup/run-dir.ts", "test/setup/coverage-table.ts"],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
