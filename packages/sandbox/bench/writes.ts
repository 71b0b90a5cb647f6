// `pnpm bench` (sandbox): write throughput with 64 clients creating organizations at once, from a
// separate process. Against the same build in memory (no durability: the ceiling) and with --data
// (one SQLite commit per turn of the event loop), and, when BENCH_JOURNAL_CLI names the CLI of a
// build from before SQLite, against that build's --data (its journal with group commit). Each
// round starts every server afresh on a new file, in a rotating order; ratios are per round.
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import type { LoadResult } from "./load-mix.js";
import { median, runLoadProcess, spread, startSandboxProcess, THIS_CLI } from "./processes.js";

const CLIENTS = Number(process.env.BENCH_WRITE_CLIENTS ?? 64);
const DURATION_MS = Number(process.env.BENCH_WRITE_DURATION_MS ?? 3_000);
const JOURNAL_CLI = process.env.BENCH_JOURNAL_CLI;
// Per-round ratios swing ±15 % on a 2-core machine, so the median of 10 rounds moved 0.97–1.00
// between runs of one day; the comparison with the journal, which decides a budget, gets 30.
const ROUNDS = Number(process.env.BENCH_WRITE_ROUNDS ?? (JOURNAL_CLI ? 30 : 5));
interface Variant {
  name: string;
  cli: string;
  /** The --data file name, or none for memory. */
  data?: string;
}

const VARIANTS: Variant[] = [
  { name: "memory", cli: THIS_CLI },
  { name: "--data (SQLite)", cli: THIS_CLI, data: "state.db" },
  // The journal build in memory too: the rest of its code differs, so each --data is set against
  // its own build's memory figure.
  ...(JOURNAL_CLI
    ? [
        { name: "memory (before)", cli: JOURNAL_CLI },
        { name: "--data (journal, before)", cli: JOURNAL_CLI, data: "state.json" },
      ]
    : []),
];

async function main(): Promise<void> {
  console.log(
    `\n## Sandbox write throughput (${CLIENTS} clients creating organizations at once from a separate process, ${ROUNDS} rounds × ${DURATION_MS / 1000} s per server, rotating order, a fresh server and file per round; node ${process.version}; ${cpus().length} cores, load average ${loadavg()[0]?.toFixed(1)} at the start)`,
  );
  if (!JOURNAL_CLI) console.log("\n(BENCH_JOURNAL_CLI not set: no comparison with the journal build)");
  const results = new Map<string, LoadResult[]>(VARIANTS.map((v) => [v.name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length] as Variant);
    for (const variant of order) {
      const dir = await mkdtemp(join(tmpdir(), "sandbox-bench-writes-"));
      const server = await startSandboxProcess(
        variant.cli,
        variant.data ? ["--data", join(dir, variant.data)] : [],
      );
      try {
        results.get(variant.name)?.push(
          await runLoadProcess(server.targets, {
            clients: CLIENTS,
            durationMs: DURATION_MS,
            namePrefix: `w${round}`,
            writesOnly: true,
          }),
        );
      } finally {
        await server.stop();
        await rm(dir, { recursive: true, force: true });
      }
    }
  }
  const memory = results.get("memory") ?? [];
  const memoryBefore = results.get("memory (before)") ?? [];
  const baseline = (name: string) => (name.endsWith("(before)") ? memoryBefore : memory);
  console.log(
    "\n| server | writes/s median [min–max] | p50 ms | p99 ms | writes | 5xx | ÷ its build's memory, per round |",
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  for (const [name, rs] of results) {
    const ratios = rs.map((r, i) => r.throughput / (baseline(name)[i]?.throughput ?? Number.NaN));
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
      )} | ${rs.reduce((a, r) => a + r.requests, 0)} | ${rs.reduce((a, r) => a + r.serverErrors, 0)} | ${spread(ratios, 2)}× |`,
    );
  }
  const sqlite = results.get("--data (SQLite)") ?? [];
  const journal = results.get("--data (journal, before)");
  if (journal) {
    const ratios = sqlite.map((r, i) => r.throughput / (journal[i]?.throughput ?? Number.NaN));
    const verdict = (xs: number[]) => (median(xs) >= 1 ? "met" : "**missed**");
    console.log(
      `\nSQLite ÷ journal write throughput, per round: ${spread(ratios, 2)}× (≥ 1: ${verdict(ratios)})`,
    );
    // What persistence keeps of its own build's in-memory throughput, one build against the other.
    const kept = sqlite.map(
      (r, i) =>
        r.throughput /
        (memory[i]?.throughput ?? Number.NaN) /
        ((journal[i]?.throughput ?? Number.NaN) / (memoryBefore[i]?.throughput ?? Number.NaN)),
    );
    console.log(
      `(SQLite ÷ its memory) ÷ (journal ÷ its memory), per round: ${spread(kept, 2)}× (≥ 1: ${verdict(kept)})`,
    );
  }
  console.log(`load average at the end: ${loadavg()[0]?.toFixed(1)}`);
  if ([...results.values()].flat().some((r) => r.serverErrors > 0 || r.networkErrors > 0))
    process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
