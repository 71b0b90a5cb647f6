import { defineConfig } from "vitest/config";
import { CEILINGS, QUIET } from "../../vitest.shared.js";

// End to end (`pnpm test:e2e`): the real tools on the real packages. `changeset version` on a copy of
// the workspace, other generators on the bundles, and the pack test, which packs the built packages
// and installs them from a local registry as a consumer would.
export const E2E = ["test/pack/**/*.test.ts", "test/interop.test.ts", "test/version-dry-run.test.ts"];

export default defineConfig({
  test: {
    ...QUIET,
    include: E2E,
    // Each file waits mostly on other processes (changeset, npm, Verdaccio, Prism): two at a time.
    maxWorkers: 2,
    ...CEILINGS,
    // Packing and installing happen in hooks: more room than the shared ceiling.
    hookTimeout: 300_000,
  },
});
