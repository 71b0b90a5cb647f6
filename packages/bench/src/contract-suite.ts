// Section 5: wall time of the contract suite, and how much of it is Prism starting up. "The suite
// proper" is every operation × documented status of both APIs against one Prism per API (started
// in parallel by its global setup) plus the coverage gate; "the whole package" adds the proofs
// about the suite (nested runs, Prism lifecycle, mutated spec, wrong server behind the proxy).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SUITE_PROPER, suiteCommand, suiteDir } from "@orgadmin/contract-tests";
import { installCleanupOnExit, startPrism } from "@orgadmin/prism";
import { API_NAMES, bundlePath } from "@orgadmin/spec/contract";
import { timed } from "./processes.js";
import { median, ms, quantile } from "./stats.js";
import { printTable } from "./table.js";

const RUNS = 5;

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

/** "median (min–max)" of a set of runs, in seconds. */
const spread = (samples: readonly number[]): string =>
  `${(median(samples) / 1000).toFixed(1)} s (${(quantile(samples, 0) / 1000).toFixed(1)}–${(quantile(samples, 1) / 1000).toFixed(1)} s)`;

export async function runContractSuite(): Promise<void> {
  // Each Prism runs in its own process group: an interrupted bench must take it down explicitly.
  installCleanupOnExit();
  const proper: number[] = [];
  const whole: number[] = [];
  const startups: number[] = [];
  const specs = API_NAMES.map((api) => bundlePath(api));
  let failure: string | undefined;
  // Alternate the runs and the Prism start-ups so all of them see the same machine load.
  for (let i = 0; i < RUNS; i++) {
    try {
      proper.push(await timed(process.execPath, suiteCommand(), suiteDir, { CI: "true" }));
      whole.push(await timed(process.execPath, suiteCommand([]), suiteDir, { CI: "true" }));
    } catch (error) {
      failure = (error as Error).message.split("\n")[0];
      break;
    }
    const both = performance.now();
    await Promise.all(specs.map(prismStartMs));
    startups.push(performance.now() - both);
  }
  if (failure || proper.length === 0) {
    printTable("5. Contract suite", ["run", "result"], [["vitest run", `FAILED: ${failure ?? "no run"}`]]);
    return;
  }
  const prism = median(startups);
  printTable(
    `5. Contract suite (packages/contract-tests, median (min–max) of ${RUNS} runs)`,
    ["figure", "wall time", "share"],
    [
      [`the suite proper (\`vitest run ${SUITE_PROPER.join(" ")}\`)`, spread(proper), "100%"],
      ["the whole package (`vitest run`)", spread(whole), "—"],
      [
        "Prism start-up, both APIs in parallel (as the global setup does)",
        `${ms(prism, 0)} (${ms(quantile(startups, 0), 0)}–${ms(quantile(startups, 1), 0)})`,
        `${((prism / median(proper)) * 100).toFixed(0)}% of the suite proper`,
      ],
    ],
  );
}
