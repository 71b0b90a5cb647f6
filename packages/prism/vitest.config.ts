import { defineConfig } from "vitest/config";
import { CEILINGS, QUIET } from "../../vitest.shared.js";

export default defineConfig({
  test: {
    ...QUIET,
    ...CEILINGS,
    include: ["test/**/*.test.ts"],
  },
});
