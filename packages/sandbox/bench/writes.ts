// `pnpm bench` (sandbox): write throughput with 64 clients creating organizations at once, from a
// separate process. Against the same build in memory (no durability: the ceiling) and with --data
// (one SQLite commit per turn of the event loop), and, when BENCH_JOURNAL_CLI names the CLI of a
// build from before SQLite, against that build's --data (its journal with group commit). Each
// round starts every server afresh on a new file, in a rotating order; ratios are per round.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { LoadResult } from "./load-mix.js";

const CLIENTS = Number(process.env.BENCH_WRITE_CLIENTS ?? 64);
const DURATION_MS = Number(process.env.BENCH_WRITE_DURATION_MS ?? 3_000);
const ROUNDS = Number(process.env.BENCH_WRITE_ROUNDS ?? 5);
const JOURNAL_CLI = process.env.BENCH_JOURNAL_CLI;
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

interface Variant {
  name: string;
  cli: string;
  /** The --data file name, or none for memory. */
  data?: string;
}

const VARIANTS: Variant[] = [
  { name: "memory", cli: here("../src/cli.js") },
  { name: "--data (SQLite)", cli: here("../src/cli.js"), data: "state.db" },
  // The journal build in memory too: the rest of its code differs, so each --data is set against
  // its own build's memory figure.
  ...(JOURNAL_CLI
    ? [
        { name: "memory (before)", cli: JOURNAL_CLI },
        { name: "--data (journal, before)", cli: JOURNAL_CLI, data: "state.json" },
      ]
    : []),
];

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

async function startServer(variant: Variant, dir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const data = variant.data ? ["--data", join(dir, variant.data)] : [];
  const child = spawn(process.execPath, [variant.cli, "--port", "0", "--quiet", ...data], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (m?.[1]) resolve(m[1]);
    });
    child.once("exit", (code) => reject(new Error(`${variant.name} exited (${code}) before listening`)));
  });
  return { url, stop: () => stopChild(child) };
}

function runWrites(url: string, prefix: string): Promise<LoadResult> {
  const targets = { organizations: url, enterprise: `${url}/v2/enterprise` };
  const options = { clients: CLIENTS, durationMs: DURATION_MS, namePrefix: prefix, writesOnly: true };
  const child = spawn(process.execPath, [here("./load-runner.js"), JSON.stringify({ targets, options })], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) =>
      code === 0 ? resolve(JSON.parse(output) as LoadResult) : reject(new Error(`writer exited ${code}`)),
    );
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? Number.NaN;
};
const spread = (xs: number[], digits: number) =>
  `${median(xs).toFixed(digits)} [${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}]`;

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
      const server = await startServer(variant, dir);
      try {
        results.get(variant.name)?.push(await runWrites(server.url, `w${round}`));
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
