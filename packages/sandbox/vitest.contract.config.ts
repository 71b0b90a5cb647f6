import { defineConfig } from "vitest/config";
import { CEILINGS, QUIET } from "../../vitest.shared.js";

// The sandbox's end-to-end tier: the contract suite's real-server mode against it (a second vitest
// with its own Prism proxies), and the data file's lock under 100 racing pairs of real starts.
export default defineConfig({
  test: {
    ...QUIET,
    include: ["contract/**/*.test.ts", "e2e/**/*.test.ts"],
    ...CEILINGS,
    // The whole nested run is one test: it gets more room than the shared ceiling.
    testTimeout: 300_000,
  },
});
