import { defineConfig } from "vitest/config";

// The pack-and-consume test packs the built packages and installs them from the registry's point of
// view, so it runs on its own (`pnpm release:pack-test`) after `pnpm build`, not inside `pnpm test`.
export default defineConfig({
  test: {
    include: ["test/pack/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
