// A mixed read/write load on both APIs from N concurrent clients for a fixed time. Used by the
// bench (figures) and by the test suite (correctness of a short run: no 5xx, counts add up).
// Requests go through node:http on kept-alive connections, one per client: fetch cost the generator
// ~450 µs of CPU per create against the sandbox's ~200, so on two cores the figures measured the
// generator more than the server (node:http: ~200).
import { Agent, request } from "node:http";

export interface Targets {
  /** Base URL for `/v1/organizations…`. */
  organizations: string;
  /** Base URL for the v2 paths (`/members`, …). */
  enterprise: string;
}

export interface LoadOptions {
  clients: number;
  durationMs: number;
  /** Each client stops after this many requests even before `durationMs` (tests count, never time). */
  requestsPerClient?: number;
  /** Prefix of every organization name the run creates. */
  namePrefix: string;
  /** Send only the v1 create (the write bench); default: the mix. */
  writesOnly?: boolean;
}

export interface LoadResult {
  requests: number;
  durationMs: number;
  /** Requests per second over the whole run. */
  throughput: number;
  p50Ms: number;
  p99Ms: number;
  byStatus: Record<number, number>;
  serverErrors: number;
  /** Names of organizations whose create was answered with success. */
  acknowledged: string[];
  /** Requests that failed without an HTTP answer. */
  networkErrors: number;
}

const V1_KEYS = ["sandbox-owner", "sandbox-admin", "sandbox-member", "sandbox-outsider"];
const ADMIN_KEY = "sandbox-enterprise-admin";

interface Init {
  headers: Record<string, string>;
  method?: "POST";
  body?: string;
}

interface Step {
  weight: number;
  request(
    t: Targets,
    client: number,
    seq: number,
    prefix: string,
  ): { url: string; init: Init; name?: string };
}

const bearer = (key: string, body?: unknown): Init => ({
  headers: {
    Authorization: `Bearer ${key}`,
    ...(body !== undefined && { "Content-Type": "application/json" }),
  },
  ...(body !== undefined && { method: "POST", body: JSON.stringify(body) }),
});

/** One request on `agent`: its status and its body, read to the end. */
function send(agent: Agent, url: string, init: Init): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, method: init.method ?? "GET", headers: init.headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

const STEPS: Step[] = [
  {
    weight: 25,
    request: (t, c, s, p) => {
      const name = `${p}-v1-${c}-${s}`;
      return {
        url: `${t.organizations}/v1/organizations`,
        init: bearer(V1_KEYS[c % 4] ?? "", { name }),
        name,
      };
    },
  },
  {
    weight: 25,
    request: (t, c) => ({
      url: `${t.organizations}/v1/organizations?page_size=20`,
      init: bearer(V1_KEYS[c % 4] ?? ""),
    }),
  },
  {
    weight: 15,
    request: (t) => ({
      url: `${t.organizations}/v1/organizations/org_abc123`,
      init: bearer("sandbox-owner"),
    }),
  },
  {
    weight: 10,
    request: (t) => ({
      url: `${t.organizations}/v1/organizations/org_abc123/members`,
      init: bearer("sandbox-member"),
    }),
  },
  {
    weight: 10,
    request: (t, c, s, p) => {
      const name = `${p}-v2-${c}-${s}`;
      return {
        url: `${t.enterprise}/organizations`,
        init: bearer(ADMIN_KEY, { name, acu_limit: 100 }),
        name,
      };
    },
  },
  { weight: 10, request: (t) => ({ url: `${t.enterprise}/audit-logs?limit=20`, init: bearer(ADMIN_KEY) }) },
  {
    weight: 5,
    request: (t) => ({ url: `${t.enterprise}/sessions/insights?limit=10`, init: bearer(ADMIN_KEY) }),
  },
];
const TOTAL_WEIGHT = STEPS.reduce((sum, s) => sum + s.weight, 0);

/** A small deterministic PRNG so every run sends the same mix. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(random: () => number): Step {
  let r = random() * TOTAL_WEIGHT;
  for (const step of STEPS) {
    r -= step.weight;
    if (r < 0) return step;
  }
  return STEPS[0] as Step;
}

const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0
    ? 0
    : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0);

export async function runLoad(targets: Targets, options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const byStatus: Record<number, number> = {};
  const acknowledged: string[] = [];
  let networkErrors = 0;
  const agent = new Agent({ keepAlive: true, maxSockets: options.clients });
  const start = performance.now();
  const deadline = start + options.durationMs;
  await Promise.all(
    Array.from({ length: options.clients }, async (_, client) => {
      const random = mulberry32(client + 1);
      const last = options.requestsPerClient ?? Number.POSITIVE_INFINITY;
      for (let seq = 0; seq < last && performance.now() < deadline; seq++) {
        const step = options.writesOnly ? (STEPS[0] as Step) : pick(random);
        const { url, init, name } = step.request(targets, client, seq, options.namePrefix);
        const sent = performance.now();
        try {
          const { status } = await send(agent, url, init);
          latencies.push(performance.now() - sent);
          byStatus[status] = (byStatus[status] ?? 0) + 1;
          if (name && status >= 200 && status < 300) acknowledged.push(name);
        } catch {
          networkErrors += 1;
        }
      }
    }),
  );
  const durationMs = performance.now() - start;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const requests = latencies.length;
  return {
    requests,
    durationMs,
    throughput: requests / (durationMs / 1000),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    byStatus,
    serverErrors: Object.entries(byStatus)
      .filter(([status]) => Number(status) >= 500)
      .reduce((sum, [, n]) => sum + n, 0),
    acknowledged,
    networkErrors,
  };
}

/** Every organization name the v1 keys of the load can see, walking all pages. */
export async function visibleOrganizationNames(organizationsUrl: string): Promise<Set<string>> {
  const names = new Set<string>();
  const agent = new Agent({ keepAlive: true });
  for (const key of [...V1_KEYS, ADMIN_KEY]) {
    for (let page = 1; ; page++) {
      const url = `${organizationsUrl}/v1/organizations?page=${page}&page_size=100`;
      const res = await send(agent, url, bearer(key));
      const body = JSON.parse(res.body) as { data: { organizations: Array<{ name: string }> } };
      for (const o of body.data.organizations) names.add(o.name);
      if (body.data.organizations.length < 100) break;
    }
  }
  agent.destroy();
  return names;
}
