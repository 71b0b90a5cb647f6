import { defineConfig } from "vitest/config";
import { CEILINGS, QUIET } from "../../vitest.shared.js";

// `test`: the size budget, and the pipeline section's workspace at 1×. `test:e2e`: the designer loop
// (`pnpm dev`) driven for real.
export default defineConfig({
  test: {
    ...QUIET,
    projects: [
      { test: { name: "unit", ...CEILINGS, include: ["test/**/*.test.ts"], exclude: ["test/e2e/**"] } },
      { test: { name: "e2e", ...CEILINGS, include: ["test/e2e/**/*.test.ts"] } },
    ],
  },
});
