import { defineConfig } from "vitest/config";
import { CEILINGS, QUIET } from "../../vitest.shared.js";

// Checks over the workspace's source and guides (the `lint` task): no literal the spec owns restated
// in package source, and the guides' rule tables as the code that holds the rules makes them.
export default defineConfig({
  test: {
    ...QUIET,
    ...CEILINGS,
    include: ["test/source/**/*.test.ts"],
  },
});
