import { defineConfig } from "vitest/config";
import { CEILINGS, QUIET } from "../../vitest.shared.js";

// Proof that the sandbox keeps the contract: the contract suite's real-server mode against it.
// Separate from `test` because it runs a second vitest (with its own Prism proxies) for ~10 s.
export default defineConfig({
  test: {
    ...QUIET,
    include: ["contract/**/*.test.ts"],
    ...CEILINGS,
    // The whole nested run is one test: it gets more room than the shared ceiling.
    testTimeout: 300_000,
  },
});
