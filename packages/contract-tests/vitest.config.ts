import { basename } from "node:path";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { CEILINGS } from "../../vitest.shared.js";
import { API_NAMES } from "./src/contract.js";
import { targetOf } from "./src/targets.js";

// Against a real server the state is shared: one test file at a time, Enterprise before
// Organizations (whose lifecycle ends in deletes), each file in its own lifecycle order.
const proxied = API_NAMES.some((api) => targetOf(api).mode === "proxy");
const LIFECYCLE_FILES = API_NAMES.map((api) => `${api}.test.ts`);

class LifecycleSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    if (!proxied) return sorted;
    const rank = (file: TestSpecification): number => {
      const at = LIFECYCLE_FILES.indexOf(basename(file.moduleId));
      return at === -1 ? LIFECYCLE_FILES.length : at;
    };
    const group = (file: TestSpecification): number => file.project.config.sequence.groupOrder;
    // Stable: everything else keeps vitest's own order, and the gate still runs last.
    return sorted.sort((a, b) => group(a) - group(b) || rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    // Runs once per run, whichever projects are selected: the gate never judges an earlier run.
    globalSetup: ["test/setup/fresh-run.ts"],
    fileParallelism: !proxied,
    sequence: { sequencer: LifecycleSequencer },
    projects: [
      {
        test: {
          name: "contract",
          ...CEILINGS,
          include: ["test/**/*.test.ts"],
          exclude: ["test/coverage-gate.test.ts", "test/fixtures/**"],
          // One Prism per API for the whole run, not per test.
          globalSetup: ["test/setup/run-dir.ts", "test/setup/servers.ts"],
          typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "tsconfig.json" },
        },
      },
      {
        // Runs after every contract test has finished and recorded what it exercised.
        test: {
          name: "coverage-gate",
          ...CEILINGS,
          include: ["test/coverage-gate.test.ts"],
          globalSetup: ["test/setup/run-dir.ts", "test/setup/coverage-table.ts"],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
