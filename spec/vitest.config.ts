import { defineConfig } from "vitest/config";
import { CEILINGS } from "../vitest.shared.js";

// `test`: the reader, the lint rules, the inventory. `test:e2e`: the designer loop run for real.
export default defineConfig({
  test: {
    ...CEILINGS,
    projects: [
      { test: { name: "unit", ...CEILINGS, include: ["test/**/*.test.ts"], exclude: ["test/e2e/**"] } },
      { test: { name: "e2e", ...CEILINGS, include: ["test/e2e/**/*.test.ts"] } },
    ],
  },
});
