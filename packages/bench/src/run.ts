// `pnpm bench`: every section in turn, each printing its own tables. `BENCH_ONLY=size,micro` runs a subset.
import { cpus } from "node:os";
import { runClientOverhead } from "./client-overhead.js";
import { runContractSuite } from "./contract-suite.js";
import { runDevLoop } from "./dev-loop.js";
import { runMicro } from "./micro.js";
import { runPagingMemory } from "./paging-memory.js";
import { runPipeline } from "./pipeline.js";
import { runSandboxLoad } from "./sandbox-load.js";
import { runSize } from "./size.js";

const sections: Record<string, () => Promise<unknown>> = {
  client: runClientOverhead,
  micro: runMicro,
  size: runSize,
  pipeline: runPipeline,
  paging: runPagingMemory,
  contract: runContractSuite,
  sandbox: () => runSandboxLoad(only?.includes("sandbox") ?? false),
  devloop: runDevLoop,
};

const only = process.env.BENCH_ONLY?.split(",").filter(Boolean);
for (const name of only ?? []) {
  if (!(name in sections))
    throw new Error(`unknown section ${name}; known: ${Object.keys(sections).join(", ")}`);
}

console.log(
  `orgadmin bench — ${new Date().toISOString()} — ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), Node ${process.version}`,
);
for (const [name, run] of Object.entries(sections)) {
  if (only && !only.includes(name)) continue;
  const start = performance.now();
  await run();
  console.log(`\n(${name}: ${((performance.now() - start) / 1000).toFixed(1)} s)`);
}
