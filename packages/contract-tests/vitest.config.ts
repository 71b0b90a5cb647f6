import { basename } from "node:path";
import { API_NAMES } from "@orgadmin/spec/contract";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { CEILINGS, QUIET } from "../../vitest.shared.js";
import { targetOf } from "./src/targets.js";

// Against a real server the state is shared: one test file at a time, Enterprise before
// Organizations (whose lifecycle ends in deletes), each file in its own lifecycle order.
const proxied = API_NAMES.some((api) => targetOf(api).mode === "proxy");
const LIFECYCLE_FILES = API_NAMES.map((api) => `${api}.test.ts`);
const SUITE_PROOFS = [
  "test/suite-runs.test.ts",
  "test/prism-lifecycle.test.ts",
  "test/mutation.test.ts",
  "test/real-server.test.ts",
];

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
    ...QUIET,
    // Runs once per run, whichever projects are selected: the gate never judges an earlier run.
    globalSetup: ["test/setup/fresh-run.ts"],
    fileParallelism: !proxied,
    // Most of this suite waits on other processes (Prism, nested runs), not on the CPU: more files
    // at once than vitest's default of one per spare core.
    maxWorkers: proxied ? 1 : 4,
    sequence: { sequencer: LifecycleSequencer },
    projects: [
      {
        // The contract suite proper: every operation × documented status of both APIs, through
        // the real client, against one Prism per API started once for the whole run.
        test: {
          name: "contract",
          ...CEILINGS,
          include: ["test/**/*.test.ts"],
          exclude: ["test/coverage-gate.test.ts", "test/fixtures/**", ...SUITE_PROOFS],
          globalSetup: ["test/setup/run-dir.ts", "test/setup/servers.ts"],
          typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "tsconfig.json" },
          // Against a real server, a group of its own: vitest runs one-worker projects left at
          // order 0 after every numbered group, which would put them after the gate.
          sequence: { groupOrder: proxied ? 1 : 0 },
        },
      },
      {
        // Proofs about the suite itself (nested runs, its Prism lifecycle, a mutated spec, a wrong
        // server behind the proxy): each starts what it needs, none needs the shared mocks.
        test: {
          name: "suite",
          ...CEILINGS,
          include: SUITE_PROOFS,
        },
      },
      {
        // Runs after every contract test has finished and recorded what it exercised.
        test: {
          name: "coverage-gate",
          ...CEILINGS,
          include: ["test/coverage-gate.test.ts"],
          globalSetup: ["test/setup/run-dir.ts", "test/setup/coverage-table.ts"],
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
