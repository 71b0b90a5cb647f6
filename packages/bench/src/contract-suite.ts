// Section 5: wall time of the contract suite, and how much of it is Prism starting up. The suite
// starts one Prism per API in parallel (its global setup); the same start, from the same shared
// lifecycle, is timed here on its own.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { installCleanupOnExit, startPrism } from "@orgadmin/prism";
import { repoRoot, specDir, timed } from "./processes.js";
import { median, ms } from "./stats.js";
import { printTable } from "./table.js";

const RUNS = 3;
const contractDir = join(repoRoot, "packages", "contract-tests");

/**
 * ms from asking for a `prism mock --errors` until it is ready (its own "listening" line, then an
 * HTTP answer: what the suite waits for); the process is then stopped, outside the timing.
 */
async function prismStartMs(spec: string): Promise<number> {
  const logFile = join(mkdtempSync(join(tmpdir(), "orgadmin-bench-prism-")), "prism.log");
  const start = performance.now();
  const prism = await startPrism({ spec, logFile });
  const elapsed = performance.now() - start;
  await prism.stop();
  return elapsed;
}

export async function runContractSuite(): Promise<void> {
  // Each Prism runs in its own process group: an interrupted bench must take it down explicitly.
  installCleanupOnExit();
  const vitest = join(contractDir, "node_modules", ".bin", "vitest");
  const suite: number[] = [];
  const startups: number[] = [];
  const specs = ["enterprise", "organizations"].map((api) => join(specDir, "dist", `${api}.json`));
  let failure: string | undefined;
  // Alternate suite runs and Prism start-ups so both see the same machine load.
  for (let i = 0; i < RUNS; i++) {
    try {
      suite.push(await timed(vitest, ["run"], contractDir, { CI: "true" }));
    } catch (error) {
      failure = (error as Error).message.split("\n")[0];
      break;
    }
    const both = performance.now();
    await Promise.all(specs.map(prismStartMs));
    startups.push(performance.now() - both);
  }
  if (failure || suite.length === 0) {
    printTable("5. Contract suite", ["run", "result"], [["vitest run", `FAILED: ${failure ?? "no run"}`]]);
    return;
  }
  const wall = median(suite);
  const prism = median(startups);
  printTable(
    `5. Contract suite (packages/contract-tests, \`vitest run\`, median of ${RUNS})`,
    ["figure", "time", "share of suite"],
    [
      ["suite wall time", ms(wall, 0), "100%"],
      ["runs", suite.map((t) => ms(t, 0)).join(", "), "—"],
      [
        "Prism start-up, both APIs in parallel (as the global setup does)",
        ms(prism, 0),
        `${((prism / wall) * 100).toFixed(0)}%`,
      ],
    ],
  );
}
