// Many clients writing at once to a sandbox on a data file, and a reader watching the audit log:
// what was acknowledged, what was refused (500 in the API's shape), and what readers were shown.
import { expect } from "vitest";
import { json, KEYS } from "./sandbox.js";

export interface Storm {
  /** Names whose create answered 200. */
  acknowledged: string[];
  /** Names whose create answered 500 ("could not be saved"). */
  refused: string[];
  /** Ids of organizations the audit log showed a reader. */
  shown: Set<string>;
  /** Stops every client and waits for them (requests cut off by a kill count as neither). */
  stop(): Promise<void>;
}

/**
 * `clients` clients create organizations (as the outsider) until stopped; `onAnswer` runs after
 * every answer. One more client reads the newest audit entries the whole time.
 */
export function writeStorm(
  url: string,
  prefix: string,
  clients: number,
  onAnswer: (storm: Storm) => void = () => {},
): Storm {
  let stopped = false;
  const storm: Storm = {
    acknowledged: [],
    refused: [],
    shown: new Set(),
    async stop() {
      stopped = true;
      await Promise.all([...writers, reader]);
    },
  };
  const writers = Array.from({ length: clients }, async (_, w) => {
    for (let i = 0; !stopped; i++) {
      const name = `${prefix}-w${w}-${i}`;
      try {
        const res = await json(url, "POST", "/v1/organizations", KEYS.outsider, { name });
        if (res.status === 200) storm.acknowledged.push(name);
        else if (res.status === 500) {
          expect(res.body).toMatchObject({ data: { message: expect.stringMatching(/could not be saved/) } });
          storm.refused.push(name);
        } else throw new Error(`unexpected ${res.status}: ${JSON.stringify(res.body)}`);
      } catch (error) {
        // After a kill, a request may fail without an answer: it was never acknowledged.
        if (!stopped) throw error;
        return;
      }
      onAnswer(storm);
    }
  });
  const reader = (async () => {
    while (!stopped) {
      try {
        const res = await json(url, "GET", "/v2/enterprise/audit-logs?limit=20", KEYS.enterpriseAdmin);
        if (res.status !== 200) continue;
        const logs = (res.body as { logs: Array<{ action: string; target?: string }> }).logs;
        for (const e of logs) if (e.action === "organization.create" && e.target) storm.shown.add(e.target);
      } catch (error) {
        if (!stopped) throw error;
      }
    }
  })();
  return storm;
}

/** Every organization the key can see, across pages: id → name. */
export async function organizations(url: string, key: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let page = 1; ; page++) {
    const res = await json(url, "GET", `/v1/organizations?page=${page}&page_size=100`, key);
    expect(res.status).toBe(200);
    const data = (res.body as { data: { organizations: Array<{ id: string; name: string }> } }).data;
    for (const o of data.organizations) found.set(o.id, o.name);
    if (data.organizations.length < 100) return found;
  }
}

/** What a restarted sandbox must show: every acknowledged create and shown entry, no refused one. */
export async function expectKept(
  url: string,
  kept: { acknowledged: Iterable<string>; refused?: Iterable<string>; shown?: Iterable<string> },
) {
  const orgs = await organizations(url, KEYS.outsider);
  const names = new Set(orgs.values());
  expect([...kept.acknowledged].filter((n) => !names.has(n))).toEqual([]);
  expect([...(kept.refused ?? [])].filter((n) => names.has(n))).toEqual([]);
  expect([...(kept.shown ?? [])].filter((id) => !orgs.has(id))).toEqual([]);
}
