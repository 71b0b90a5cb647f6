import { defineConfig } from "vitest/config";

// Proof that the sandbox keeps the contract: the contract suite's real-server mode against it.
// Separate from `test` because it runs a second vitest (with its own Prism proxies) for ~10 s.
export default defineConfig({
  test: {
    include: ["contract/**/*.test.ts"],
    testTimeout: 180_000,
    hookTimeout: 30_000,
  },
});
