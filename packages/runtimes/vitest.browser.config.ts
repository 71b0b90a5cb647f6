import { defineConfig } from "vitest/config";
import { CEILINGS, QUIET } from "../../vitest.shared.js";

// One browser at a time: each file launches its own Chromium.
export default defineConfig({
  test: { ...QUIET, ...CEILINGS, include: ["browser/**/*.test.ts"], fileParallelism: false },
});
