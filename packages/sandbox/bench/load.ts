// `pnpm bench` (sandbox): the same mixed load against the sandbox and against Prism's mock, in
// rounds that alternate between them. Every party has its own process: the sandbox (its CLI), Prism
// (its CLI, started as the designers' tools start it, request logging on), and the load generator
// (load-runner.ts). Prints per-server medians with the range over rounds, and the ratio per round.
// BENCH_BASELINE_CLI=<another build's dist/cli.js> adds that sandbox to the rounds ("baseline"), so
// a change is measured against the code before it in the same run.
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { type PrismServer, startPrism } from "@orgadmin/prism";
import { bundlePath } from "@orgadmin/spec/contract";
import { type LoadResult, type Targets, visibleOrganizationNames } from "./load-mix.js";
import { runLoadProcess, spread, startSandboxProcess, THIS_CLI } from "./processes.js";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 4_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const BASELINE_CLI = process.env.BENCH_BASELINE_CLI;
async function main(): Promise<void> {
  console.log(
    `\n## Sandbox vs Prism under mixed load (${CLIENTS} clients from a separate process, ${ROUNDS} rounds × ${DURATION_MS / 1000} s per server, alternating; node ${process.version}; ${cpus().length} cores, load average ${loadavg()[0]?.toFixed(1)} at the start)`,
  );
  const logs = await mkdtemp(join(tmpdir(), "sandbox-bench-prism-"));
  const sandbox = await startSandboxProcess(THIS_CLI);
  const baseline = BASELINE_CLI ? await startSandboxProcess(BASELINE_CLI) : undefined;
  let enterprise: PrismServer | undefined;
  let organizations: PrismServer | undefined;
  const results: Record<string, LoadResult[]> = { sandbox: [], prism: [], ...(baseline && { baseline: [] }) };
  let stateChecks = 0;
  try {
    [enterprise, organizations] = await Promise.all(
      (["enterprise", "organizations"] as const).map((api) =>
        startPrism({
          spec: bundlePath(api),
          logFile: join(logs, `${api}.log`),
        }),
      ),
    );
    const targets: Record<string, Targets> = {
      sandbox: sandbox.targets,
      prism: { organizations: organizations?.url ?? "", enterprise: enterprise?.url ?? "" },
      ...(baseline && { baseline: baseline.targets }),
    };
    const servers = Object.keys(results);
    for (let round = 0; round < ROUNDS; round++) {
      // Each round starts one server later, so no server always runs first.
      const order = servers.map((_, i) => servers[(i + round) % servers.length] as string);
      for (const server of order) {
        const prefix = `bench-r${round}`;
        const result = await runLoadProcess(targets[server] as Targets, {
          clients: CLIENTS,
          durationMs: DURATION_MS,
          namePrefix: prefix,
        });
        results[server]?.push(result);
        if (server === "sandbox") {
          // Every acknowledged create of the round is there, and nothing else with its prefix.
          const names = [...(await visibleOrganizationNames(sandbox.url))].filter((n) =>
            n.startsWith(`${prefix}-`),
          );
          if (names.length !== result.acknowledged.length) {
            throw new Error(
              `round ${round}: ${result.acknowledged.length} creates acknowledged, ${names.length} found`,
            );
          }
          stateChecks += 1;
        }
      }
    }
  } finally {
    await Promise.all([sandbox.stop(), baseline?.stop(), enterprise?.stop(), organizations?.stop()]);
    await rm(logs, { recursive: true, force: true });
  }

  console.log("\n| server | req/s median [min–max] | p50 ms | p99 ms | requests | 5xx | network errors |");
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  for (const [name, rs] of Object.entries(results)) {
    console.log(
      `| ${name} | ${spread(
        rs.map((r) => r.throughput),
        0,
      )} | ${spread(
        rs.map((r) => r.p50Ms),
        1,
      )} | ${spread(
        rs.map((r) => r.p99Ms),
        1,
      )} | ${rs.reduce((a, r) => a + r.requests, 0)} | ${rs.reduce((a, r) => a + r.serverErrors, 0)} | ${rs.reduce((a, r) => a + r.networkErrors, 0)} |`,
    );
  }
  const ratios = (of: string) =>
    (results.sandbox ?? []).map((r, i) => r.throughput / (results[of]?.[i]?.throughput ?? Number.NaN));
  console.log(`\nsandbox ÷ prism throughput, per round: ${spread(ratios("prism"), 2)}×`);
  if (baseline) {
    const p50 = (results.sandbox ?? []).map((r, i) => r.p50Ms / (results.baseline?.[i]?.p50Ms ?? Number.NaN));
    console.log(`sandbox ÷ baseline throughput, per round: ${spread(ratios("baseline"), 2)}×`);
    console.log(`sandbox ÷ baseline p50 latency, per round: ${spread(p50, 2)}×`);
  }
  console.log(
    `sandbox state check: ${stateChecks}/${ROUNDS} rounds, every acknowledged create found (${(results.sandbox ?? []).reduce((a, r) => a + r.acknowledged.length, 0)} in all)`,
  );
  console.log(
    `load average at the end: ${loadavg()[0]?.toFixed(1)} (other work on the machine widens every range)`,
  );
  if (results.sandbox?.some((r) => r.serverErrors > 0)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
