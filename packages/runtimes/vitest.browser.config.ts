import { defineConfig } from "vitest/config";
import { CEILINGS } from "../../vitest.shared.js";

// One browser at a time: each file launches its own Chromium.
export default defineConfig({
  test: { ...CEILINGS, include: ["browser/**/*.test.ts"], fileParallelism: false },
});
