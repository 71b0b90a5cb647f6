// Section 1: the client against raw fetch on loopback, sequential (latency) and 64 in flight
// (throughput), with the variants interleaved round by round so machine noise hits them all alike.
// The server is a process of its own; every median and ratio is printed with its range over rounds.
import { settleHeap } from "./heap.js";
import { startLoopback } from "./loopback.js";
import { median, quantile, rotated } from "./stats.js";
import { printTable, verdict } from "./table.js";
import {
  BUDGETS,
  budgetOrder,
  type Call,
  type Endpoint,
  envelopeEndpoint,
  membersEndpoint,
} from "./variants.js";

// Per-round throughput on a 2-core machine swings ±30 % with what else runs; over 16 rounds of 1,500
// requests the median of per-round ratios still moved ±5 % run to run: openapi-fetch against a second
// openapi-fetch, timed the same way, came to 0.955–1.044 in 18 runs of one day. 24 rounds narrow that
// by a fifth, for two minutes more.
const ROUNDS = 24;
const SEQUENTIAL_PER_ROUND = 150;
const IN_FLIGHT = 64;
const CONCURRENT_PER_ROUND = 1_500;
const WARMUP = 300;

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
  /** Median latency (ms) of each round's sequential requests. */
  latencyRounds: number[];
  latencyP99: number;
  /** Requests per second of each round. */
  throughputRounds: number[];
}

async function measureEndpoint(endpoint: Endpoint, baseUrl: string): Promise<OverheadResult[]> {
  const calls = endpoint.variants.map((v) => ({ name: v.name, call: v.make(baseUrl, globalThis.fetch) }));
  for (const { call } of calls) {
    await sequential(call, WARMUP, []);
    await concurrent(call, WARMUP, IN_FLIGHT);
  }
  const latencies = new Map(calls.map((c) => [c.name, [] as number[][]]));
  const throughputs = new Map(calls.map((c) => [c.name, [] as number[]]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const { name, call } of rotated(calls, round)) {
      const samples: number[] = [];
      await settleHeap();
      await sequential(call, SEQUENTIAL_PER_ROUND, samples);
      latencies.get(name)?.push(samples);
    }
    for (const { name, call } of budgetOrder(calls, round)) {
      await settleHeap();
      throughputs.get(name)?.push(await concurrent(call, CONCURRENT_PER_ROUND, IN_FLIGHT));
    }
  }
  return calls.map(({ name }) => {
    const rounds = latencies.get(name) ?? [];
    return {
      endpoint: endpoint.name,
      variant: name,
      latencyRounds: rounds.map((r) => median(r)),
      latencyP99: quantile(rounds.flat(), 0.99),
      throughputRounds: throughputs.get(name) ?? [],
    };
  });
}

/** Loopback throughput at 64 in flight: at least this share of openapi-fetch's, median per round. */
export const THROUGHPUT_OVER_OPENAPI_FETCH = 0.95;

/** `median [min–max]` over rounds. */
function spread(xs: number[], digits: number, unit = ""): string {
  return `${median(xs).toFixed(digits)}${unit} [${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}]`;
}

/** Per-round ratios to the baseline's same round. */
const perRound = (xs: number[], base: number[]) => xs.map((x, i) => x / (base[i] ?? Number.NaN));

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
  for (const endpoint of [membersEndpoint, envelopeEndpoint]) {
    const mine = results.filter((r) => r.endpoint === endpoint.name);
    const raw = mine.find((r) => r.variant === "raw fetch");
    if (!raw) throw new Error("raw fetch baseline missing");
    for (const r of mine) {
      rows.push([
        endpoint.name,
        r.variant,
        spread(r.latencyRounds, 3, " ms"),
        spread(perRound(r.latencyRounds, raw.latencyRounds), 2, "×"),
        `${r.latencyP99.toFixed(3)} ms`,
        spread(r.throughputRounds, 0, "/s"),
        spread(perRound(r.throughputRounds, raw.throughputRounds), 2, "×"),
      ]);
    }
  }
  printTable(
    `1. Client overhead on loopback (median [min–max] over ${ROUNDS} interleaved rounds; ${SEQUENTIAL_PER_ROUND} sequential requests per variant per round; ${IN_FLIGHT} in flight × ${CONCURRENT_PER_ROUND} per round; ratios to raw fetch in the same round)`,
    ["endpoint", "client", "median latency", "× raw", "p99 (all rounds)", "throughput", "× raw"],
    rows,
  );
  const budgetRows: string[][] = [];
  for (const endpoint of [membersEndpoint, envelopeEndpoint]) {
    const of = (variant: string) =>
      results.find((r) => r.endpoint === endpoint.name && r.variant === variant);
    for (const [variant, baseline] of BUDGETS) {
      const ours = of(variant);
      const base = of(baseline);
      if (!ours || !base) continue;
      const ratios = perRound(ours.throughputRounds, base.throughputRounds);
      budgetRows.push([
        endpoint.name,
        variant,
        verdict(
          median(ratios) >= THROUGHPUT_OVER_OPENAPI_FETCH,
          `${spread(ratios, 2, "×")} of ${baseline} vs ≥ ${THROUGHPUT_OVER_OPENAPI_FETCH}×`,
        ),
      ]);
    }
  }
  printTable(
    `1. Budget: throughput at ${IN_FLIGHT} in flight ≥ ${THROUGHPUT_OVER_OPENAPI_FETCH}× openapi-fetch's (median of per-round ratios [min–max])`,
    ["endpoint", "client", "verdict"],
    budgetRows,
  );
  return results;
}
