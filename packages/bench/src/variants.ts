// The clients compared, each making the same request and checking it got the expected body, so a
// variant that silently does less work cannot look fast.
import { createEnterpriseClient, createOrganizationsClient } from "@orgadmin/client";
import type { paths as EnterprisePaths } from "@orgadmin/client/enterprise";
import type { paths as OrganizationsPaths } from "@orgadmin/client/organizations";
import axios from "axios";
import createClient from "openapi-fetch";
import { ORGANIZATION_ID } from "./fixtures.js";
import { rotated } from "./stats.js";

export const API_KEY = "bench-key";
/** Far above any call's time: the timer is armed and cleared, never fires. */
const TIMEOUT_MS = 30_000;
const headers = { Authorization: `Bearer ${API_KEY}` };

export type Call = () => Promise<void>;
export type FetchFn = typeof globalThis.fetch;

export interface Variant {
  name: string;
  /** Builds one call against `baseUrl`, using `fetch` where the client accepts one. */
  make(baseUrl: string, fetch: FetchFn): Call;
  /** True when the variant goes through its own HTTP stack and cannot take a stubbed fetch. */
  ownTransport?: boolean;
}

export interface Endpoint {
  name: string;
  variants: Variant[];
}

function expectMembers(body: { members?: unknown[] } | undefined): void {
  if (!body?.members?.length) throw new Error("GET /members returned no members");
}

function expectOrganization(data: { id?: string } | undefined): void {
  if (data?.id !== ORGANIZATION_ID)
    throw new Error("GET /v1/organizations/{id} returned another organization");
}

const orgPath = `/v1/organizations/${ORGANIZATION_ID}`;

export const membersEndpoint: Endpoint = {
  name: "v2 GET /members",
  variants: [
    {
      name: "raw fetch",
      make: (baseUrl, fetch) => async () => {
        const response = await fetch(`${baseUrl}/members`, { headers });
        expectMembers((await response.json()) as { members?: unknown[] });
      },
    },
    {
      name: "openapi-fetch",
      make: (baseUrl, fetch) => {
        const client = createClient<EnterprisePaths>({ baseUrl, headers, fetch });
        return async () => expectMembers((await client.GET("/members")).data);
      },
    },
    {
      name: "openapi-fetch (AbortSignal.timeout)",
      make: (baseUrl, fetch) => {
        const client = createClient<EnterprisePaths>({ baseUrl, headers, fetch });
        return async () =>
          expectMembers((await client.GET("/members", { signal: AbortSignal.timeout(TIMEOUT_MS) })).data);
      },
    },
    {
      name: "@orgadmin/client",
      make: (baseUrl, fetch) => {
        const client = createEnterpriseClient({ apiKey: API_KEY, baseUrl, fetch });
        return async () => expectMembers(await client.GET("/members"));
      },
    },
    {
      // The README's own example sets a timeout: the timer must cover reading the body too.
      name: "@orgadmin/client (timeoutMs)",
      make: (baseUrl, fetch) => {
        const client = createEnterpriseClient({ apiKey: API_KEY, baseUrl, fetch, timeoutMs: TIMEOUT_MS });
        return async () => expectMembers(await client.GET("/members"));
      },
    },
    {
      name: "axios",
      ownTransport: true,
      make: (baseUrl) => {
        const client = axios.create({ baseURL: baseUrl, headers });
        return async () => expectMembers((await client.get<{ members?: unknown[] }>("/members")).data);
      },
    },
  ],
};

export const envelopeEndpoint: Endpoint = {
  name: "v1 GET /v1/organizations/{id} (envelope)",
  variants: [
    {
      name: "raw fetch",
      make: (baseUrl, fetch) => async () => {
        const response = await fetch(`${baseUrl}${orgPath}`, { headers });
        expectOrganization(((await response.json()) as { data?: { id?: string } }).data);
      },
    },
    {
      name: "openapi-fetch",
      make: (baseUrl, fetch) => {
        const client = createClient<OrganizationsPaths>({ baseUrl, headers, fetch });
        return async () => {
          const { data } = await client.GET("/v1/organizations/{organization_id}", {
            params: { path: { organization_id: ORGANIZATION_ID } },
          });
          expectOrganization(data?.data);
        };
      },
    },
    {
      name: "openapi-fetch (AbortSignal.timeout)",
      make: (baseUrl, fetch) => {
        const client = createClient<OrganizationsPaths>({ baseUrl, headers, fetch });
        return async () => {
          const { data } = await client.GET("/v1/organizations/{organization_id}", {
            params: { path: { organization_id: ORGANIZATION_ID } },
            signal: AbortSignal.timeout(TIMEOUT_MS),
          });
          expectOrganization(data?.data);
        };
      },
    },
    ...[undefined, TIMEOUT_MS].map((timeoutMs) => ({
      name: timeoutMs === undefined ? "@orgadmin/client" : "@orgadmin/client (timeoutMs)",
      make: (baseUrl: string, fetch: FetchFn): Call => {
        const client = createOrganizationsClient({
          apiKey: API_KEY,
          baseUrl,
          fetch,
          ...(timeoutMs !== undefined && { timeoutMs }),
        });
        return async () =>
          expectOrganization(
            await client.GET("/v1/organizations/{organization_id}", {
              params: { path: { organization_id: ORGANIZATION_ID } },
            }),
          );
      },
    })),
    {
      name: "axios",
      ownTransport: true,
      make: (baseUrl) => {
        const client = axios.create({ baseURL: baseUrl, headers });
        return async () =>
          expectOrganization((await client.get<{ data?: { id?: string } }>(orgPath)).data.data);
      },
    },
  ],
};

/** Each budget's client and the openapi-fetch it is held against. */
export const BUDGETS = [
  ["@orgadmin/client", "openapi-fetch"],
  ["@orgadmin/client (timeoutMs)", "openapi-fetch (AbortSignal.timeout)"],
] as const;

/**
 * The round's order: groups rotated as `rotated` does, where a budget's two variants form one group
 * and run back to back (first one, then the other, by turns), so the ratio the budget judges is
 * taken over the same second or two of the machine's time.
 */
export function budgetOrder<T extends { name: string }>(calls: readonly T[], round: number): T[] {
  const paired = new Set<string>(BUDGETS.flat());
  const groups: T[][] = calls.filter((c) => !paired.has(c.name)).map((c) => [c]);
  for (const names of BUDGETS) {
    const pair = names.map((n) => calls.find((c) => c.name === n)).filter((c) => c !== undefined);
    groups.push(round % 2 === 0 ? pair : pair.reverse());
  }
  return rotated(groups, round).flat();
}
