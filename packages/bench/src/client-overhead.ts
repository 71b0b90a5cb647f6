// Section 1: the client against raw fetch on loopback, sequential (latency) and 64 in flight
// (throughput), with the variants interleaved round by round so machine noise hits them all alike.
import { startLoopback } from "./loopback.js";
import { median, ms, quantile, ratio, rotated } from "./stats.js";
import { printTable, verdict } from "./table.js";
import { type Call, type Endpoint, envelopeEndpoint, membersEndpoint } from "./variants.js";

const ROUNDS = 6;
const SEQUENTIAL_PER_ROUND = 200;
const IN_FLIGHT = 64;
const CONCURRENT_PER_ROUND = 1_000;
const WARMUP = 300;

export const LATENCY_BUDGET = 1.05;
export const THROUGHPUT_BUDGET = 0.95;

async function sequential(call: Call, count: number, into: number[]): Promise<void> {
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await call();
    into.push(performance.now() - start);
  }
}

/** Requests per second with `inFlight` workers sharing `count` requests. */
async function concurrent(call: Call, count: number, inFlight: number): Promise<number> {
  let left = count;
  const worker = async (): Promise<void> => {
    while (left-- > 0) await call();
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  return count / ((performance.now() - start) / 1000);
}

export interface OverheadResult {
  endpoint: string;
  variant: string;
  latencyMedian: number;
  latencyP99: number;
  throughput: number;
}

async function measureEndpoint(endpoint: Endpoint, baseUrl: string): Promise<OverheadResult[]> {
  const calls = endpoint.variants.map((v) => ({ name: v.name, call: v.make(baseUrl, globalThis.fetch) }));
  for (const { call } of calls) {
    await sequential(call, WARMUP, []);
    await concurrent(call, WARMUP, IN_FLIGHT);
  }
  const latencies = new Map(calls.map((c) => [c.name, [] as number[]]));
  const throughputs = new Map(calls.map((c) => [c.name, [] as number[]]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const { name, call } of rotated(calls, round)) {
      await sequential(call, SEQUENTIAL_PER_ROUND, latencies.get(name) ?? []);
    }
    for (const { name, call } of rotated(calls, round + 1)) {
      throughputs.get(name)?.push(await concurrent(call, CONCURRENT_PER_ROUND, IN_FLIGHT));
    }
  }
  return calls.map(({ name }) => {
    const samples = latencies.get(name) ?? [];
    return {
      endpoint: endpoint.name,
      variant: name,
      latencyMedian: median(samples),
      latencyP99: quantile(samples, 0.99),
      throughput: median(throughputs.get(name) ?? []),
    };
  });
}

export async function runClientOverhead(): Promise<OverheadResult[]> {
  const server = await startLoopback();
  const results: OverheadResult[] = [];
  try {
    for (const endpoint of [membersEndpoint, envelopeEndpoint]) {
      results.push(...(await measureEndpoint(endpoint, server.url)));
    }
  } finally {
    await server.stop();
  }

  const rows: string[][] = [];
  const budgetRows: string[][] = [];
  for (const endpoint of [membersEndpoint, envelopeEndpoint]) {
    const mine = results.filter((r) => r.endpoint === endpoint.name);
    const raw = mine.find((r) => r.variant === "raw fetch");
    if (!raw) throw new Error("raw fetch baseline missing");
    for (const r of mine) {
      rows.push([
        endpoint.name,
        r.variant,
        ms(r.latencyMedian, 3),
        ratio(r.latencyMedian, raw.latencyMedian),
        ms(r.latencyP99, 3),
        ratio(r.latencyP99, raw.latencyP99),
        `${Math.round(r.throughput)}/s`,
        ratio(r.throughput, raw.throughput),
      ]);
    }
    const ours = mine.find((r) => r.variant === "@orgadmin/client");
    if (ours) {
      const lat = ours.latencyMedian / raw.latencyMedian;
      const thr = ours.throughput / raw.throughput;
      budgetRows.push([
        endpoint.name,
        verdict(lat <= LATENCY_BUDGET, `${lat.toFixed(2)}× vs ≤ ${LATENCY_BUDGET}×`),
        verdict(thr >= THROUGHPUT_BUDGET, `${thr.toFixed(2)}× vs ≥ ${THROUGHPUT_BUDGET}×`),
      ]);
    }
  }
  printTable(
    `1. Client overhead on loopback (${ROUNDS} interleaved rounds; ${ROUNDS * SEQUENTIAL_PER_ROUND} sequential requests per variant; ${IN_FLIGHT} in flight × ${CONCURRENT_PER_ROUND} per round)`,
    ["endpoint", "client", "median", "× raw", "p99", "× raw", "throughput", "× raw"],
    rows,
  );
  printTable(
    "1. Budget: @orgadmin/client vs raw fetch",
    ["endpoint", "median latency", "throughput"],
    budgetRows,
  );
  return results;
}
