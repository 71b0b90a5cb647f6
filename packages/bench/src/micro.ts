// Section 1b: pure client overhead with no network, in the style of openapi-fetch's own benchmark:
// fetch is a stub that hands back a Response built before the timed loop (building it is not the
// client's cost), so what is timed is the client's own work around the call. Each batch is timed in
// CPU time of this process (user + system), not wall time, so other work on the machine does not count.
import { membersBody, organizationBody } from "./fixtures.js";
import { settleHeap } from "./heap.js";
import { median } from "./stats.js";
import { printTable, verdict } from "./table.js";
import {
  BUDGETS,
  budgetOrder,
  type Call,
  type Endpoint,
  envelopeEndpoint,
  type FetchFn,
  membersEndpoint,
} from "./variants.js";

// 20 rounds of 3,000: on a busy 2-core machine a round's difference swings ±20 µs; the median of 20 holds to a few.
const ROUNDS = 20;
const BATCH = 3_000;
const BASE_URL = "http://127.0.0.1:9";
/**
 * The client's per-call CPU cost may exceed openapi-fetch's own by at most this much; with
 * `timeoutMs`, the baseline is openapi-fetch given `AbortSignal.timeout()`.
 */
export const CLIENT_OVER_OPENAPI_FETCH_BUDGET_US = 10;

/** A stub fetch answering from a pool of Responses that `refill` builds outside the timed region. */
function stubFetch(body: string): { fetch: FetchFn; refill(count: number): void } {
  // As a server sends it: with its length, so no client has to guess where the body ends.
  const length = String(new TextEncoder().encode(body).byteLength);
  const init = { status: 200, headers: { "content-type": "application/json", "content-length": length } };
  let pool: Response[] = [];
  let next = 0;
  return {
    fetch: async () => {
      const response = pool[next++];
      if (!response) throw new Error("the stub ran out of prepared Responses");
      return response;
    },
    refill(count) {
      pool = Array.from({ length: count }, () => new Response(body, init));
      next = 0;
    },
  };
}

/** Calls per second of CPU time. */
async function opsPerSecond(call: Call, count: number): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < count; i++) await call();
  const { user, system } = process.cpuUsage(start);
  return count / ((user + system) / 1e6);
}

export interface MicroResult {
  endpoint: string;
  variant: string;
  /** Calls per CPU-second, each round. */
  rounds: number[];
  /** CPU microseconds added per call over the stub alone, per round (same round's stub). */
  addedUs: number[];
}

async function measure(endpoint: Endpoint, body: string): Promise<MicroResult[]> {
  const stub = stubFetch(body);
  const calls = endpoint.variants
    .filter((v) => !v.ownTransport)
    .map((v) => ({ name: v.name, call: v.make(BASE_URL, stub.fetch) }));
  for (const { call } of calls) {
    stub.refill(BATCH);
    await opsPerSecond(call, BATCH);
  }
  const samples = new Map(calls.map((c) => [c.name, [] as number[]]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const { name, call } of budgetOrder(calls, round)) {
      stub.refill(BATCH);
      await settleHeap();
      samples.get(name)?.push(await opsPerSecond(call, BATCH));
    }
  }
  const base = samples.get("raw fetch");
  if (!base) throw new Error("stubbed fetch baseline missing");
  return calls.map(({ name }) => {
    const rounds = samples.get(name) ?? [];
    return {
      endpoint: endpoint.name,
      variant: name,
      rounds,
      addedUs: rounds.map((ops, i) => (1 / ops - 1 / (base[i] ?? Number.NaN)) * 1e6),
    };
  });
}

const range = (xs: number[], digits: number, unit = "") =>
  `${median(xs).toFixed(digits)}${unit} [${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}]`;
/** A difference in µs with its sign: `+3.5 [-2.0–8.1] µs`, `-1.0 […] µs`. */
const addedRange = (xs: number[]) => `${median(xs) < 0 ? "" : "+"}${range(xs, 1)} µs`;

export async function runMicro(): Promise<MicroResult[]> {
  const results = [
    ...(await measure(membersEndpoint, membersBody())),
    ...(await measure(envelopeEndpoint, organizationBody())),
  ];
  const rows = results.map((r) => {
    const base = results.find((b) => b.endpoint === r.endpoint && b.variant === "raw fetch");
    if (!base) throw new Error("stubbed fetch baseline missing");
    return [
      r.endpoint,
      r.variant,
      `${range(r.rounds, 0)}/s`,
      `${range(
        r.rounds.map((ops, i) => ops / (base.rounds[i] ?? Number.NaN)),
        2,
        "×",
      )}`,
      r.variant === "raw fetch" ? "—" : addedRange(r.addedUs),
    ];
  });
  printTable(
    `1b. Pure client overhead, stubbed fetch (no network; Responses built before each timed batch; CPU time; median [min–max] of ${ROUNDS} interleaved rounds of ${BATCH} calls)`,
    ["endpoint", "client", "calls/CPU-s", "× stub", "CPU added per call"],
    rows,
  );
  const budgetRows: string[][] = [];
  for (const endpoint of new Set(results.map((r) => r.endpoint))) {
    const of = (variant: string) => results.find((r) => r.endpoint === endpoint && r.variant === variant);
    for (const [variant, baseline] of BUDGETS) {
      const ours = of(variant);
      const openapiFetch = of(baseline);
      if (!ours || !openapiFetch) continue;
      const over = ours.addedUs.map((us, i) => us - (openapiFetch.addedUs[i] ?? Number.NaN));
      budgetRows.push([
        endpoint,
        variant,
        verdict(
          median(over) <= CLIENT_OVER_OPENAPI_FETCH_BUDGET_US,
          `${addedRange(over)} over ${baseline} vs ≤ +${CLIENT_OVER_OPENAPI_FETCH_BUDGET_US} µs`,
        ),
      ]);
    }
  }
  printTable(
    "1b. Budget: @orgadmin/client's CPU per call ≤ openapi-fetch's own + 10 µs (median of per-round differences [min–max]; with timeoutMs against openapi-fetch given AbortSignal.timeout)",
    ["endpoint", "client", "verdict"],
    budgetRows,
  );
  return results;
}
