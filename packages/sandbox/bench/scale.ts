// `pnpm bench` (sandbox): how the cost of each operation grows with the number of organizations.
// Fills a store to each size through the store's own API (no HTTP), then times single operations,
// in memory and with a data file (each write durable before it counts as done).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Opened, openStore } from "./scale-store.js";

const SIZES = (process.env.BENCH_SCALE_SIZES ?? "1000,10000,100000").split(",").map(Number);
const READ_SAMPLES = Number(process.env.BENCH_SCALE_READS ?? 2000);
const WRITE_SAMPLES = Number(process.env.BENCH_SCALE_WRITES ?? 500);
/** A ceiling per operation and size, so a slow (old) store still finishes. */
const OP_BUDGET_MS = Number(process.env.BENCH_SCALE_BUDGET_MS ?? 10_000);

type Op = "get" | "list page" | "create" | "rename" | "invite" | "v2 members";
const OPS: Op[] = ["get", "list page", "create", "rename", "invite", "v2 members"];

interface Figures {
  median: number;
  p99: number;
  samples: number;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

async function sample(count: number, run: (i: number) => unknown): Promise<Figures> {
  const times: number[] = [];
  const stop = performance.now() + OP_BUDGET_MS;
  for (let i = 0; i < count && performance.now() < stop; i++) {
    const start = performance.now();
    await run(i);
    times.push((performance.now() - start) * 1000);
  }
  times.sort((a, b) => a - b);
  return { median: quantile(times, 0.5), p99: quantile(times, 0.99), samples: times.length };
}

/** A deterministic generator so every run picks the same organizations. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function measure(store: Opened, size: number): Promise<Record<Op, Figures>> {
  const random = lcg(size);
  const pick = () => store.orgIds[Math.floor(random() * store.orgIds.length)] as string;
  const pages = Math.max(1, Math.floor(size / 20));
  const out = {} as Record<Op, Figures>;
  out.get = await sample(READ_SAMPLES, () => store.get(pick()));
  out["list page"] = await sample(READ_SAMPLES, () => store.listPage(1 + Math.floor(random() * pages), 20));
  out["v2 members"] = await sample(READ_SAMPLES, () => store.enterpriseMembers());
  out.create = await sample(WRITE_SAMPLES, (i) => store.create(`bench-new-${i}`));
  out.rename = await sample(WRITE_SAMPLES, (i) => store.rename(pick(), `bench-renamed-${size}-${i}`));
  out.invite = await sample(WRITE_SAMPLES, (i) => store.invite(pick(), `invitee-${i}@example.com`));
  return out;
}

const fmt = (us: number) => (us >= 100 ? us.toFixed(0) : us.toFixed(1));

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

async function main(): Promise<void> {
  console.log(
    `\n## Sandbox store scaling (store API, no HTTP; ${READ_SAMPLES} read / ${WRITE_SAMPLES} write samples, ≤ ${OP_BUDGET_MS / 1000} s per cell)`,
  );
  for (const mode of ["memory", "data"] as const) {
    const results = new Map<number, Record<Op, Figures>>();
    const fills = new Map<number, number>();
    for (const size of SIZES) {
      const dir = mode === "data" ? await mkdtemp(join(tmpdir(), "sandbox-scale-")) : undefined;
      try {
        const start = performance.now();
        const store = await openStore(size, dir ? join(dir, "state.json") : undefined);
        fills.set(size, performance.now() - start);
        results.set(size, await measure(store, size));
        await store.close();
      } finally {
        if (dir) await rm(dir, { recursive: true, force: true });
      }
    }
    console.log(`\n### ${mode === "memory" ? "In memory" : "With --data (each write durable)"}\n`);
    const head = [
      "operation",
      ...SIZES.map((s) => `${s / 1000}k median / p99 µs`),
      "k",
      `${(SIZES.at(-1) ?? 0) / 1000}k ÷ ${(SIZES[0] ?? 0) / 1000}k`,
    ];
    console.log(`| ${head.join(" | ")} |`);
    console.log(`| ${head.map(() => "---").join(" | ")} |`);
    for (const op of OPS) {
      const cells = SIZES.map((s) => {
        const f = results.get(s)?.[op];
        return f
          ? `${fmt(f.median)} / ${fmt(f.p99)}${f.samples < (["create", "rename", "invite"].includes(op) ? WRITE_SAMPLES : READ_SAMPLES) ? ` (n=${f.samples})` : ""}`
          : "—";
      });
      const points = SIZES.map((size) => ({ size, us: results.get(size)?.[op].median ?? Number.NaN }));
      const first = points[0]?.us ?? Number.NaN;
      const last = points.at(-1)?.us ?? Number.NaN;
      console.log(
        `| ${op} | ${cells.join(" | ")} | ${growth(points).toFixed(2)} | ${(last / first).toFixed(2)}× |`,
      );
    }
    console.log(
      `\nfill time: ${SIZES.map((s) => `${s / 1000}k ${((fills.get(s) ?? 0) / 1000).toFixed(1)} s`).join(", ")}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
