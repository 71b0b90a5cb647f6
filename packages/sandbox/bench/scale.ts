// `pnpm bench` (sandbox): how the cost of each operation grows with the number of organizations.
// Fills a store to each size through the store's own API (no HTTP), then times single operations,
// in memory and with a data file (each write durable before it counts as done). Samples are taken
// in rounds (every operation in turn, then again), so a burst of load from elsewhere lands on every
// operation alike; the spread printed is the range of the per-round medians.
import { mkdtemp, open, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { type Opened, openStore } from "./scale-store.js";

const SIZES = (process.env.BENCH_SCALE_SIZES ?? "1000,10000,100000").split(",").map(Number);
const ROUNDS = Number(process.env.BENCH_SCALE_ROUNDS ?? 5);
const READS_PER_ROUND = Number(process.env.BENCH_SCALE_READS ?? 400);
const WRITES_PER_ROUND = Number(process.env.BENCH_SCALE_WRITES ?? 100);
/** A ceiling per operation, size and round, so a slow (old) store still finishes. */
const BUDGET_MS = Number(process.env.BENCH_SCALE_BUDGET_MS ?? 2_000);

type Op = "get" | "list page" | "create" | "rename" | "invite" | "v2 members" | "fsync";
const OPS: Op[] = ["get", "list page", "v2 members", "create", "rename", "invite"];
const WRITES = new Set<Op>(["create", "rename", "invite"]);

interface Figures {
  median: number;
  p99: number;
  samples: number;
  /** Lowest and highest median of a single round. */
  roundMin: number;
  roundMax: number;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

/** Times `run` up to `count` times; with `probe`, each run is followed by a timed probe. */
async function batch(
  count: number,
  run: () => unknown,
  probe?: () => Promise<void>,
): Promise<{ times: number[]; probes: number[] }> {
  const times: number[] = [];
  const probes: number[] = [];
  const stop = performance.now() + BUDGET_MS;
  for (let i = 0; i < count && performance.now() < stop; i++) {
    const start = performance.now();
    await run();
    times.push((performance.now() - start) * 1000);
    if (probe) {
      const at = performance.now();
      await probe();
      probes.push((performance.now() - at) * 1000);
    }
  }
  return { times, probes };
}

function figures(rounds: number[][]): Figures {
  const all = sorted(rounds.flat());
  const medians = rounds.filter((r) => r.length > 0).map((r) => quantile(sorted(r), 0.5));
  return {
    median: quantile(all, 0.5),
    p99: quantile(all, 0.99),
    samples: all.length,
    roundMin: Math.min(...medians),
    roundMax: Math.max(...medians),
  };
}

/** A deterministic generator so every run picks the same organizations. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** One append of a row-sized line and its fdatasync: the floor under any durable write. */
async function fsyncProbe(dir: string): Promise<{ run: () => Promise<void>; close: () => Promise<void> }> {
  const handle = await open(join(dir, "probe"), "a");
  const line = `${JSON.stringify({ s: 1, c: [{ t: "org", id: "org_1", v: "x".repeat(400) }] })}\n`;
  return {
    run: async () => {
      await handle.write(line);
      await handle.datasync();
    },
    close: () => handle.close(),
  };
}

/**
 * Times every operation in rounds. With a data directory, every durable write is followed by an
 * fsync probe on the same disk, so a write is compared with fsyncs taken under the same conditions,
 * a few hundred microseconds apart (the disk's latency drifts between batches on a shared machine).
 */
async function measure(store: Opened, size: number, dir?: string): Promise<Partial<Record<Op, Figures>>> {
  const random = lcg(size);
  const pick = () => store.orgIds[Math.floor(random() * store.orgIds.length)] as string;
  const pages = Math.max(1, Math.floor(size / 20));
  let n = 0;
  const runs: Record<Exclude<Op, "fsync">, () => unknown> = {
    get: () => store.get(pick()),
    "list page": () => store.listPage(1 + Math.floor(random() * pages), 20),
    "v2 members": () => store.enterpriseMembers(),
    create: () => store.create(`bench-new-${++n}`),
    rename: () => store.rename(pick(), `bench-renamed-${++n}`),
    invite: () => store.invite(pick(), `invitee-${++n}@example.com`),
  };
  const probe = dir ? await fsyncProbe(dir) : undefined;
  const ops: Op[] = probe ? [...OPS, "fsync"] : OPS;
  const rounds = Object.fromEntries(ops.map((op) => [op, [] as number[][]])) as Record<Op, number[][]>;
  try {
    for (let r = 0; r < ROUNDS; r++) {
      const probes: number[] = [];
      for (const op of OPS) {
        const write = WRITES.has(op);
        const taken = await batch(
          write ? WRITES_PER_ROUND : READS_PER_ROUND,
          runs[op as Exclude<Op, "fsync">],
          write ? probe?.run : undefined,
        );
        rounds[op].push(taken.times);
        probes.push(...taken.probes);
      }
      if (probe) rounds.fsync.push(probes);
    }
  } finally {
    await probe?.close();
  }
  return Object.fromEntries(ops.map((op) => [op, figures(rounds[op])]));
}

const fmt = (us: number) => (us >= 100 ? us.toFixed(0) : us.toFixed(1));
const cell = (f: Figures) => `${fmt(f.median)} [${fmt(f.roundMin)}–${fmt(f.roundMax)}] / ${fmt(f.p99)}`;

/** The exponent k in time ∝ size^k, fitted by least squares over every size measured. */
function growth(points: Array<{ size: number; us: number }>): number {
  const xs = points.map((p) => Math.log(p.size));
  const ys = points.map((p) => Math.log(p.us));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const num = xs.reduce((a, x, i) => a + (x - mx) * ((ys[i] ?? 0) - my), 0);
  const den = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

async function run(mode: "memory" | "data"): Promise<Map<number, Partial<Record<Op, Figures>>>> {
  const results = new Map<number, Partial<Record<Op, Figures>>>();
  const fills: string[] = [];
  for (const size of SIZES) {
    const dir = mode === "data" ? await mkdtemp(join(tmpdir(), "sandbox-scale-")) : undefined;
    try {
      const start = performance.now();
      const store = await openStore(size, dir ? join(dir, "state.json") : undefined);
      fills.push(`${size / 1000}k ${((performance.now() - start) / 1000).toFixed(1)} s`);
      results.set(size, await measure(store, size, dir));
      await store.close();
    } finally {
      if (dir) await rm(dir, { recursive: true, force: true });
    }
  }
  const first = SIZES[0] ?? 0;
  const last = SIZES.at(-1) ?? 0;
  console.log(
    `\n### ${mode === "memory" ? "In memory" : "With --data (each write committed: WAL, synchronous=FULL)"}\n`,
  );
  const head = [
    "operation",
    ...SIZES.map((s) => `${s / 1000}k µs: median [round range] / p99`),
    "k",
    `${last / 1000}k ÷ ${first / 1000}k [range]`,
    "≤ 1.5×",
  ];
  console.log(`| ${head.join(" | ")} |`);
  console.log(`| ${head.map(() => "---").join(" | ")} |`);
  for (const op of OPS) {
    const at = (s: number) => results.get(s)?.[op] as Figures;
    const k = growth(SIZES.map((size) => ({ size, us: at(size).median })));
    const ratio = at(last).median / at(first).median;
    const range = `${fmt(at(last).roundMin / at(first).roundMax)}–${fmt(at(last).roundMax / at(first).roundMin)}`;
    console.log(
      `| ${op} | ${SIZES.map((s) => cell(at(s))).join(" | ")} | ${k.toFixed(2)} | ${ratio.toFixed(2)}× [${range}] | ${ratio <= 1.5 ? "met" : "**missed**"} |`,
    );
  }
  console.log(`\nfill through the store's API: ${fills.join(", ")}`);
  return results;
}

async function main(): Promise<void> {
  console.log(
    `\n## Sandbox store scaling (store API, no HTTP; ${ROUNDS} rounds × ${READS_PER_ROUND} reads / ${WRITES_PER_ROUND} writes per operation and size, ≤ ${BUDGET_MS / 1000} s per batch; node ${process.version}; ${cpus().length} cores, load average ${loadavg()[0]?.toFixed(1)} at the start)`,
  );
  const memory = await run("memory");
  const data = await run("data");
  console.log("\n### A --data write against the in-memory write plus one fsync (budget: ≤ 2×)\n");
  console.log(
    "fsync: one append + fdatasync of a row-sized line on the same disk, timed right after each --data write.\n",
  );
  console.log("| write | size | in memory | fsync | --data | budget 2 × (memory + fsync) | |");
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  for (const op of OPS.filter((o) => WRITES.has(o))) {
    for (const size of SIZES) {
      const m = memory.get(size)?.[op] as Figures;
      const d = data.get(size)?.[op] as Figures;
      const f = data.get(size)?.fsync as Figures;
      const budget = 2 * (m.median + f.median);
      console.log(
        `| ${op} | ${size / 1000}k | ${fmt(m.median)} | ${cell(f)} | ${cell(d)} | ${fmt(budget)} | ${d.median <= budget ? "met" : "**missed**"} |`,
      );
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
