import { defineConfig } from "vitest/config";
import { CEILINGS, QUIET } from "../../vitest.shared.js";
import { E2E } from "./vitest.e2e.config.js";

export default defineConfig({
  test: {
    ...QUIET,
    ...CEILINGS,
    include: ["test/**/*.test.ts"],
    // test/source: the `lint` task (it reads every package's source); the rest: `test:e2e`.
    exclude: ["test/source/**", ...E2E],
  },
});
