import { defineConfig } from "vitest/config";
import { CEILINGS } from "../../vitest.shared.js";

export default defineConfig({
  test: {
    ...CEILINGS,
    include: ["test/**/*.test.ts"],
  },
});
