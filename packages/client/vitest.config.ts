import { defineConfig } from "vitest/config";
import { CEILINGS, QUIET } from "../../vitest.shared.js";

export default defineConfig({
  test: {
    ...QUIET,
    ...CEILINGS,
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    // gc-signal.test.ts collects garbage mid-request (undici #4068).
    execArgv: ["--expose-gc"],
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "tsconfig.json" },
  },
});
