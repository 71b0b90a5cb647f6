// Section 5: wall time of the contract suite, and how much of it is Prism starting up. The suite
// starts one Prism per API in parallel (its global setup); the same start is timed here on its own.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { quietEnv, repoRoot, specDir, timed } from "./processes.js";
import { median, ms } from "./stats.js";
import { printTable } from "./table.js";

const RUNS = 3;
const HOST = "127.0.0.1";
const contractDir = join(repoRoot, "packages", "contract-tests");
const require = createRequire(import.meta.url);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** ms from spawning `prism mock --errors` until it answers HTTP; the process is then stopped. */
async function prismStartMs(spec: string): Promise<number> {
  const pkgFile = require.resolve("@stoplight/prism-cli/package.json");
  const { bin } = require(pkgFile) as { bin: { prism: string } };
  const port = await freePort();
  const start = performance.now();
  const child = spawn(
    process.execPath,
    [join(dirname(pkgFile), bin.prism), "mock", "-h", HOST, "-p", String(port), "--errors", spec],
    { env: quietEnv, stdio: "ignore" },
  );
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`prism exited (${child.exitCode}) before answering`);
      try {
        await fetch(`http://${HOST}:${port}/`, { signal: AbortSignal.timeout(1_000) });
        return performance.now() - start;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      if (performance.now() - start > 30_000) throw new Error("prism did not answer within 30 s");
    }
  } finally {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
}

export async function runContractSuite(): Promise<void> {
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
