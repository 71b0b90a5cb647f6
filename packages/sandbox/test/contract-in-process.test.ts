// Every operation × documented status of both APIs, through the client on `sandbox.fetch` (no
// port), each answer validated against the contract by the reader's Ajv. Each pair is reached by
// real behaviour (a bad key, a role that may not, a duplicate name, the rate limit…); the pairs no
// request can reach in the sandbox are answered by a scenario, and the test lists them.
import { createEnterpriseClient, createOrganizationsClient } from "@orgadmin/client";
import { API_NAMES, type ApiName, loadContract } from "@orgadmin/spec/contract";
import { afterAll, describe, expect, it } from "vitest";
import { createSandbox, STARTING_KEYS, STARTING_ORGANIZATIONS } from "../src/index.js";
import { recorder } from "./support/clients.js";

const contracts = { enterprise: loadContract("enterprise"), organizations: loadContract("organizations") };
const BASE: Record<ApiName, string> = {
  enterprise: "https://api.devin.ai/v2/enterprise",
  organizations: "http://127.0.0.1:4020",
};
const sandbox = createSandbox({ rateLimit: { capacity: 1, refillPerSecond: 0.001 } });

type Call = (path: string, init: Record<string, unknown>) => Promise<unknown>;
type AnyClient = Record<string, Call>;

const { fetch: recorded, outcome } = recorder((input, init) => sandbox.fetch(input, init));

const clientFor = (api: ApiName, apiKey: string): AnyClient => {
  const options = { apiKey, baseUrl: BASE[api], fetch: recorded, maxRetries: 0 };
  return (api === "enterprise"
    ? createEnterpriseClient(options)
    : createOrganizationsClient(options)) as unknown as AnyClient;
};

const { acme, globex } = STARTING_ORGANIZATIONS;
const K = STARTING_KEYS;
/** The request's documented example body. */
const example = (api: ApiName, operationId: string): unknown => {
  const op = contracts[api].operation(operationId);
  const node = contracts[api].document.paths?.[op.path]?.[op.method.toLowerCase()] as {
    requestBody?: { content: Record<string, { example?: unknown }> };
  };
  return node.requestBody?.content["application/json"]?.example;
};
const broken = { bodySerializer: () => "{" };

interface Recipe {
  key: string;
  params?: { path?: Record<string, string>; query?: Record<string, unknown> };
  body?: unknown;
  extra?: Record<string, unknown>;
  /** Calls made first (with the same request), e.g. to use up the rate limit. */
  before?: number;
}

/** How to reach each status by real behaviour; a pair missing here is answered by a scenario. */
const RECIPES: Record<ApiName, Record<string, Record<string, Recipe>>> = {
  enterprise: {
    listMembers: {},
    inviteMembers: {
      "400": { key: K.enterpriseAdmin, body: {}, extra: broken },
      "422": { key: K.enterpriseAdmin, body: {} },
    },
    createOrganization: {
      "400": { key: K.enterpriseAdmin, body: {}, extra: broken },
      "409": { key: K.enterpriseAdmin, body: { name: "Acme", acu_limit: 10 } },
      "422": { key: K.enterpriseAdmin, body: {} },
    },
    addRepositoryPermission: {
      "400": { key: K.enterpriseAdmin, params: { path: { org_id: acme } }, body: {}, extra: broken },
      "404": {
        key: K.enterpriseAdmin,
        params: { path: { org_id: "org_nope" } },
        body: example("enterprise", "addRepositoryPermission"),
      },
      "422": { key: K.enterpriseAdmin, params: { path: { org_id: acme } }, body: {} },
    },
    listConsumptionCycles: {},
    listSessionInsights: { "422": { key: K.enterpriseAdmin, params: { query: { limit: 0 } } } },
    listAuditLogs: { "422": { key: K.enterpriseAdmin, params: { query: { limit: 0 } } } },
  },
  organizations: {
    createOrganization: {
      "200": { key: K.owner, body: { name: "Initech" } },
      "400": { key: K.owner, body: {}, extra: broken },
      "409": { key: K.owner, body: { name: "Acme" } },
    },
    listOrganizations: {
      "200": { key: K.owner },
      "400": { key: K.owner, params: { query: { page: 0 } } },
    },
    getOrganization: {
      "200": { key: K.member, params: { path: { organization_id: acme } } },
      "400": { key: K.owner, params: { path: { organization_id: "%" } } },
      "404": { key: K.outsider, params: { path: { organization_id: acme } } },
    },
    updateOrganization: {
      "200": { key: K.owner, params: { path: { organization_id: acme } }, body: { description: "Updated" } },
      "400": { key: K.owner, params: { path: { organization_id: acme } }, body: {}, extra: broken },
      "403": { key: K.member, params: { path: { organization_id: acme } }, body: { description: "x" } },
      "404": { key: K.owner, params: { path: { organization_id: "org_nope" } }, body: { description: "x" } },
      "409": { key: K.owner, params: { path: { organization_id: acme } }, body: { name: "Globex" } },
    },
    deleteOrganization: {
      "200": { key: K.owner, params: { path: { organization_id: acme } } },
      "400": { key: K.owner, params: { path: { organization_id: "%" } } },
      "403": { key: K.member, params: { path: { organization_id: acme } } },
      "404": { key: K.owner, params: { path: { organization_id: "org_nope" } } },
    },
    createInvitation: {
      "200": {
        key: K.owner,
        params: { path: { organization_id: acme } },
        body: { email: "new@example.com", role: "member" },
      },
      "400": { key: K.owner, params: { path: { organization_id: acme } }, body: {}, extra: broken },
      "403": {
        key: K.member,
        params: { path: { organization_id: acme } },
        body: { email: "n@example.com", role: "member" },
      },
      "404": {
        key: K.owner,
        params: { path: { organization_id: "org_nope" } },
        body: { email: "n@example.com", role: "member" },
      },
      "409": {
        key: K.owner,
        params: { path: { organization_id: acme } },
        body: { email: "mia@example.com", role: "member" },
      },
    },
    listMembers: {
      "200": { key: K.member, params: { path: { organization_id: acme } } },
      "400": { key: K.member, params: { path: { organization_id: acme }, query: { page: 0 } } },
      "404": { key: K.outsider, params: { path: { organization_id: acme } } },
    },
    updateMemberRole: {
      "200": {
        key: K.owner,
        params: { path: { organization_id: acme, member_id: "user_202" } },
        body: { role: "admin" },
      },
      "400": {
        key: K.owner,
        params: { path: { organization_id: acme, member_id: "user_202" } },
        body: {},
        extra: broken,
      },
      "403": {
        key: K.member,
        params: { path: { organization_id: acme, member_id: "user_201" } },
        body: { role: "member" },
      },
      "404": {
        key: K.owner,
        params: { path: { organization_id: acme, member_id: "user_999" } },
        body: { role: "admin" },
      },
      "409": {
        key: K.admin,
        params: { path: { organization_id: globex, member_id: "user_201" } },
        body: { role: "member" },
      },
    },
    removeMember: {
      "200": { key: K.owner, params: { path: { organization_id: acme, member_id: "user_202" } } },
      "400": { key: K.owner, params: { path: { organization_id: acme, member_id: "%" } } },
      "403": { key: K.member, params: { path: { organization_id: acme, member_id: "user_201" } } },
      "404": { key: K.owner, params: { path: { organization_id: acme, member_id: "user_999" } } },
      "409": { key: K.admin, params: { path: { organization_id: globex, member_id: "user_201" } } },
    },
  },
};

/** The same recipe for any operation of an API, for statuses every operation can reach. */
function generic(api: ApiName, operationId: string, status: string): Recipe | undefined {
  const success = RECIPES[api][operationId]?.[contracts[api].operation(operationId).success];
  const base: Recipe = success ?? {
    key: K.enterpriseAdmin,
    params: { path: { org_id: acme } },
    body: example(api, operationId),
  };
  if (status === contracts[api].operation(operationId).success) return base;
  if (status === "401") return { ...base, key: "not-a-key" };
  if (status === "403" && api === "enterprise") return { ...base, key: K.outsider };
  if (status === "429") return { ...base, before: 1 };
  return undefined;
}

const byScenario: string[] = [];
afterAll(() => {
  console.log(
    `answered by a scenario (no request reaches them in the sandbox): ${byScenario.join(", ") || "none"}`,
  );
});

for (const api of API_NAMES) {
  describe(`${api}, in process`, () => {
    for (const op of contracts[api].operations) {
      for (const status of op.statuses) {
        it(`${op.operationId} ${status}`, async () => {
          await sandbox.reset();
          const recipe = RECIPES[api][op.operationId]?.[status] ?? generic(api, op.operationId, status);
          const fallback: Recipe = { key: K.enterpriseAdmin, ...generic(api, op.operationId, op.success) };
          if (!recipe) {
            byScenario.push(`${api} ${op.operationId} ${status}`);
            sandbox.scenario(api, op.operationId as never, { status: Number(status) });
          }
          const { key, params, body, extra, before = 0 } = recipe ?? fallback;
          const client = clientFor(api, key);
          const method = client[op.method];
          if (!method) throw new Error(`the client has no ${op.method}`);
          const init = { ...(params && { params }), ...(body !== undefined && { body }), ...extra };
          for (let i = 0; i < before; i++) await outcome(() => method(op.path, init));
          const answer = await outcome(() => method(op.path, init));
          expect(answer.status).toBe(Number(status));
          expect(contracts[api].validate(op.operationId, status, answer.body)).toEqual([]);
        });
      }
    }
  });
}

describe("every documented status as a scenario", () => {
  for (const api of API_NAMES) {
    for (const op of contracts[api].operations) {
      for (const status of op.statuses) {
        it(`${api} ${op.operationId} ${status} conforms to the contract`, async () => {
          await sandbox.reset();
          sandbox.scenario(api, op.operationId as never, { status: Number(status) });
          const { key, params, body } = {
            key: K.enterpriseAdmin,
            ...generic(api, op.operationId, op.success),
          };
          const method = clientFor(api, key)[op.method];
          if (!method) throw new Error(`the client has no ${op.method}`);
          const answer = await outcome(() =>
            method(op.path, { ...(params && { params }), ...(body !== undefined && { body }) }),
          );
          expect(answer.status).toBe(Number(status));
          expect(contracts[api].validate(op.operationId, status, answer.body)).toEqual([]);
        });
      }
    }
  }
});
