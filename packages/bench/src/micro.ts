// Section 1b: pure client overhead with no network, in the style of openapi-fetch's own benchmark:
// fetch is a stub that answers at once with a fixed JSON body. Each batch is timed in CPU time of
// this process (user + system), not wall time, so other work on the machine does not count.
import { attributionVariants } from "./attribution.js";
import { membersBody, organizationBody } from "./fixtures.js";
import { median, rotated } from "./stats.js";
import { printTable, verdict } from "./table.js";
import { type Call, type Endpoint, envelopeEndpoint, type FetchFn, membersEndpoint } from "./variants.js";

const ROUNDS = 8;
const BATCH = 2_000;
const BASE_URL = "http://127.0.0.1:9";

/** The client's per-call CPU cost may exceed openapi-fetch's own by at most this much (issue 11). */
export const CLIENT_OVER_OPENAPI_FETCH_BUDGET_US = 10;

function stubFetch(body: string): FetchFn {
  const init = { status: 200, headers: { "content-type": "application/json" } };
  return async () => new Response(body, init);
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
  opsPerSecond: number;
}

async function measure(endpoint: Endpoint, body: string): Promise<MicroResult[]> {
  const fetch = stubFetch(body);
  const calls = endpoint.variants
    .filter((v) => !v.ownTransport)
    .map((v) => ({ name: v.name, call: v.make(BASE_URL, fetch) }));
  for (const { call } of calls) await opsPerSecond(call, BATCH);
  const samples = new Map(calls.map((c) => [c.name, [] as number[]]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const { name, call } of rotated(calls, round))
      samples.get(name)?.push(await opsPerSecond(call, BATCH));
  }
  return calls.map(({ name }) => ({
    endpoint: endpoint.name,
    variant: name,
    opsPerSecond: median(samples.get(name) ?? []),
  }));
}

export async function runMicro(): Promise<MicroResult[]> {
  const results = [
    ...(await measure(
      { ...membersEndpoint, variants: [...membersEndpoint.variants, ...attributionVariants] },
      membersBody(),
    )),
    ...(await measure(envelopeEndpoint, organizationBody())),
  ];
  const rows = results.map((r) => {
    const base = results.find((b) => b.endpoint === r.endpoint && b.variant === "raw fetch");
    if (!base) throw new Error("stubbed fetch baseline missing");
    const extraUs = (1 / r.opsPerSecond - 1 / base.opsPerSecond) * 1e6;
    return [
      r.endpoint,
      r.variant,
      `${Math.round(r.opsPerSecond)}/s`,
      `${(r.opsPerSecond / base.opsPerSecond).toFixed(2)}×`,
      r.variant === "raw fetch" ? "—" : `+${extraUs.toFixed(1)} µs`,
    ];
  });
  printTable(
    `1b. Pure client overhead, stubbed fetch (no network; CPU time, median of ${ROUNDS} interleaved rounds of ${BATCH} calls)`,
    ["endpoint", "client", "calls/CPU-s", "× stub", "added per call"],
    rows,
  );
  const budgetRows = [...new Set(results.map((r) => r.endpoint))].map((endpoint) => {
    const of = (variant: string) => results.find((r) => r.endpoint === endpoint && r.variant === variant);
    const ours = of("@orgadmin/client");
    const theirs = of("openapi-fetch");
    if (!ours || !theirs) throw new Error(`${endpoint}: a client row is missing`);
    const extraUs = (1 / ours.opsPerSecond - 1 / theirs.opsPerSecond) * 1e6;
    return [
      endpoint,
      verdict(
        extraUs <= CLIENT_OVER_OPENAPI_FETCH_BUDGET_US,
        `${extraUs >= 0 ? "+" : ""}${extraUs.toFixed(1)} µs vs ≤ +${CLIENT_OVER_OPENAPI_FETCH_BUDGET_US} µs`,
      ),
    ];
  });
  printTable(
    "1b. Budget: @orgadmin/client's CPU per call vs openapi-fetch's",
    ["endpoint", "client − openapi-fetch"],
    budgetRows,
  );
  return results;
}
