import { defineConfig } from "vitest/config";
import { CEILINGS } from "../../vitest.shared.js";

// The pack-and-consume test packs the built packages and installs them from the registry's point of
// view, so it runs on its own (`pnpm release:pack-test`) after `pnpm build`, not inside `pnpm test`.
export default defineConfig({
  test: {
    include: ["test/pack/**/*.test.ts"],
    // Both files pack, install and start servers: one at a time on a 2-core machine.
    fileParallelism: false,
    ...CEILINGS,
    // Packing and installing happen in hooks: more room than the shared ceiling.
    hookTimeout: 300_000,
  },
});
