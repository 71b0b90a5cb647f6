import { defineConfig } from "vitest/config";
import { CEILINGS } from "../../vitest.shared.js";

export default defineConfig({
  test: {
    ...CEILINGS,
    include: ["test/**/*.test.ts"],
    // test/pack: `pnpm release:pack-test`; test/source: the `lint` task (it reads every package's source).
    exclude: ["test/pack/**", "test/source/**"],
  },
});
