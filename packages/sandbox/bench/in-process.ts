// `pnpm bench` (sandbox): what creating a sandbox costs, one call through `sandbox.fetch` (in
// process) against the same call over loopback HTTP to the same kind of sandbox, and `reset()` at
// the starting data and at 1k organizations. Samples are taken in rounds, the two ways taking turns
// in blocks, so a burst of load from elsewhere lands on both alike; the spread printed is the range
// of the per-round medians. Not one call each by turns: the loopback server runs in this process, and
// the tail of each HTTP exchange (socket writes, the parser, pool housekeeping) would run inside the
// in-process call that follows it.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSandbox, STARTING_KEYS, STARTING_ORGANIZATIONS, startSandbox } from "../src/index.js";
import { median } from "./processes.js";

const ROUNDS = Number(process.env.BENCH_IN_PROCESS_ROUNDS ?? 7);
const CALLS = Number(process.env.BENCH_IN_PROCESS_CALLS ?? 300);
const RESETS = Number(process.env.BENCH_IN_PROCESS_RESETS ?? 50);
const BLOCK = 50;

async function time(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return (performance.now() - start) * 1000;
}

interface Series {
  all: number[];
  rounds: number[];
}
const series = (): Series => ({ all: [], rounds: [] });
const line = (name: string, s: Series, unit: "µs" | "ms" = "µs") => {
  const k = unit === "ms" ? 1000 : 1;
  const f = (x: number) => (x / k).toFixed(unit === "ms" ? 2 : 1);
  return `${name.padEnd(44)} median ${f(median(s.all)).padStart(8)} ${unit}  (round medians ${f(Math.min(...s.rounds))}–${f(Math.max(...s.rounds))}, ${s.all.length} samples)`;
};

const path = `/v1/organizations/${STARTING_ORGANIZATIONS.acme}`;
const headers = { Authorization: `Bearer ${STARTING_KEYS.owner}` };

/** The first createSandbox compiles the contract; every later one reuses it. */
function creates(): void {
  const start = performance.now();
  createSandbox();
  const first = performance.now() - start;
  const later = series();
  for (let round = 0; round < ROUNDS; round++) {
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      createSandbox();
      times.push((performance.now() - t) * 1000);
    }
    later.all.push(...times);
    later.rounds.push(median(times));
  }
  console.log(`createSandbox(): the first ${first.toFixed(1)} ms (reads and compiles the contract)`);
  console.log(line("  every later one", later, "ms"));
}

async function callCompare(): Promise<void> {
  const inProcess = createSandbox();
  const server = await startSandbox();
  const direct = series();
  const loopback = series();
  try {
    // Warm both up (JIT, the connection pool).
    for (let i = 0; i < 200; i++) {
      await (await inProcess.fetch(new Request(`http://sandbox${path}`, { headers }))).json();
      await (await fetch(`${server.url}${path}`, { headers })).json();
    }
    const viaFetch = async () =>
      (await inProcess.fetch(new Request(`http://sandbox${path}`, { headers }))).json();
    const viaHttp = async () => (await fetch(`${server.url}${path}`, { headers })).json();
    for (let round = 0; round < ROUNDS; round++) {
      const a: number[] = [];
      const b: number[] = [];
      // Blocks of BLOCK calls, the two ways taking turns (which goes first alternates by round): each
      // way pays for its own garbage, rather than one-by-one turns charging one way for the other's.
      for (let i = 0; i < CALLS; i += BLOCK) {
        const ways: Array<[number[], () => Promise<unknown>]> = [
          [a, viaFetch],
          [b, viaHttp],
        ];
        if (round % 2 === 1) ways.reverse();
        for (const [into, run] of ways) for (let j = 0; j < BLOCK; j++) into.push(await time(run));
      }
      direct.all.push(...a);
      direct.rounds.push(median(a));
      loopback.all.push(...b);
      loopback.rounds.push(median(b));
    }
  } finally {
    await server.close();
  }
  const ratios = direct.rounds.map((d, i) => (loopback.rounds[i] ?? Number.NaN) / d);
  console.log(
    `GET ${path} (v1 getOrganization), ${ROUNDS} rounds × ${CALLS} calls each way, in alternating blocks of ${BLOCK}`,
  );
  console.log(line("  sandbox.fetch (in process)", direct));
  console.log(line("  fetch over loopback HTTP (startSandbox)", loopback));
  console.log(
    `  loopback / in process: ${(median(loopback.all) / median(direct.all)).toFixed(1)}× ` +
      `(per round ${Math.min(...ratios).toFixed(1)}–${Math.max(...ratios).toFixed(1)}×; target ≥ 5×)`,
  );
}

async function createOrgs(sandbox: ReturnType<typeof createSandbox>, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const res = await sandbox.fetch(
      new Request("http://sandbox/v1/organizations", {
        method: "POST",
        headers: { ...headers, "Content-Type": "application/json" },
        body: JSON.stringify({ name: `Bench org ${i}` }),
      }),
    );
    if (res.status !== 200) throw new Error(`create ${i}: HTTP ${res.status}`);
  }
}

async function resets(): Promise<void> {
  const sandbox = createSandbox();
  const dir = await mkdtemp(join(tmpdir(), "sandbox-bench-reset-"));
  const filed = await startSandbox({ dataFile: join(dir, "state.db") });
  const atStart = series();
  const at1k = series();
  const fileAtStart = series();
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const a: number[] = [];
      for (let i = 0; i < RESETS; i++) a.push(await time(() => sandbox.reset()));
      atStart.all.push(...a);
      atStart.rounds.push(median(a));
      const b: number[] = [];
      for (let i = 0; i < 3; i++) {
        await createOrgs(sandbox, 1000);
        b.push(await time(() => sandbox.reset()));
      }
      at1k.all.push(...b);
      at1k.rounds.push(median(b));
      const c: number[] = [];
      for (let i = 0; i < 10; i++) c.push(await time(() => filed.reset()));
      fileAtStart.all.push(...c);
      fileAtStart.rounds.push(median(c));
    }
  } finally {
    await filed.close();
    await rm(dir, { recursive: true, force: true });
  }
  console.log(`reset(), ${ROUNDS} rounds`);
  console.log(line("  at the starting data, in memory", atStart, "ms"));
  console.log(line("  at 1k organizations (+ starting data)", at1k, "ms"));
  console.log(line("  at the starting data, with a data file", fileAtStart, "ms"));
  console.log("  target: under 5 ms at the starting data");
}

creates();
await callCompare();
await resets();
