// The sandbox's core in whichever runtime runs this file (Node, Bun, Deno): the built
// `@orgadmin/sandbox/core` (no socket, nothing from node:) with the client on `sandbox.fetch`,
// a refusal, a scenario the client retries, the clock and reset(). Plain JavaScript so every
// runtime runs it as is. Prints one "ok"/"not ok" line per check, then "N passed, N failed".
import { createEnterpriseClient, createOrganizationsClient } from "@orgadmin/client";
import { createSandbox, STARTING_KEYS, STARTING_ORGANIZATIONS } from "@orgadmin/sandbox/core";
import { check, runChecks, runtime } from "./checks.mjs";

console.log(`# ${runtime}: the sandbox in process`);

const sandbox = createSandbox({ rateLimit: { capacity: 1, refillPerSecond: 1 } });
const waits = [];
const v2 = createEnterpriseClient({
  apiKey: STARTING_KEYS.enterpriseAdmin,
  fetch: sandbox.fetch,
  sleep: async (ms) => {
    waits.push(ms);
  },
});
const v1 = (apiKey) =>
  createOrganizationsClient({
    apiKey,
    baseUrl: "http://127.0.0.1:4020",
    fetch: sandbox.fetch,
    maxRetries: 0,
  });

const checks = {
  "v2 through sandbox.fetch": async () => {
    const { members } = await v2.GET("/members");
    check(members.length > 0, `${members.length} members`);
  },
  "the rate limit refills on the sandbox's clock": async () => {
    sandbox.clock.advance(1000);
    const { cycles } = await v2.GET("/consumption/cycles");
    check(Array.isArray(cycles), `cycles ${JSON.stringify(cycles)}`);
  },
  "v1 refuses a member deleting an organization": async () => {
    const error = await v1(STARTING_KEYS.member)
      .DELETE("/v1/organizations/{organization_id}", {
        params: { path: { organization_id: STARTING_ORGANIZATIONS.acme } },
      })
      .then(
        () => undefined,
        (e) => e,
      );
    check(error?.name === "OrganizationsPermissionDeniedError", `got ${error?.name ?? "a success"}`);
    check(error.status === 403, `HTTP ${error.status}`);
  },
  "a 429 scenario the client waits out": async () => {
    sandbox.clock.advance(1000);
    sandbox.scenario("enterprise", "listSessionInsights", { status: 429, retryAfter: 2 });
    const { sessions } = await v2.GET("/sessions/insights");
    check(Array.isArray(sessions), `sessions ${JSON.stringify(sessions)}`);
    check(waits.includes(2000), `waits ${JSON.stringify(waits)}`);
  },
  "reset() goes back to the starting data": async () => {
    const owner = v1(STARTING_KEYS.owner);
    await owner.POST("/v1/organizations", { body: { name: "Runtime org" } });
    await sandbox.reset();
    const { total } = await owner.GET("/v1/organizations");
    check(total === 2, `total ${total}`);
  },
};

await runChecks(checks);
