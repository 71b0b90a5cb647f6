import { defineConfig } from "vitest/config";
import { CEILINGS, QUIET } from "../../vitest.shared.js";

// `test`: the size budget. `test:e2e`: the designer loop (`pnpm dev`) driven for real.
export default defineConfig({
  test: {
    ...QUIET,
    projects: [
      { test: { name: "unit", ...CEILINGS, include: ["test/**/*.test.ts"], exclude: ["test/e2e/**"] } },
      { test: { name: "e2e", ...CEILINGS, include: ["test/e2e/**/*.test.ts"] } },
    ],
  },
});
