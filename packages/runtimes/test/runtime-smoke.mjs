// The built package against a live sandbox, in whichever runtime runs this file (Node, Bun, Deno):
// both clients, a typed error and paging walks. Plain JavaScript so every runtime runs it as is.
// Usage: <runtime> test/runtime-smoke.mjs <sandbox-url>  (`pnpm test:runtimes` starts the sandbox)
// Prints one "ok"/"not ok" line per check, then "N passed, N failed"; exits 1 when a check fails.
import {
  ApiError,
  createEnterpriseClient,
  createOrganizationsClient,
  EnterprisePermissionDeniedError,
  listAllMembers,
  listAllOrganizations,
  listAllSessionInsights,
  OrganizationsNotFoundError,
} from "@orgadmin/client";
import { check, runChecks, runtime } from "../smoke/checks.mjs";

const args = globalThis.Deno ? globalThis.Deno.args : process.argv.slice(2);
const base = args[0];
if (!base) throw new Error("usage: runtime-smoke.mjs <sandbox-url>");

console.log(`# ${runtime} against ${base}`);

const enterprise = createEnterpriseClient({
  apiKey: "sandbox-enterprise-admin",
  baseUrl: `${base}/v2/enterprise`,
  userAgent: "runtime-smoke",
});
const owner = createOrganizationsClient({ apiKey: "sandbox-owner", baseUrl: base });
// A name no other run uses: the sandbox keeps organization names unique.
const orgName = `Smoke ${runtime} ${Date.now()}`;

const checks = {
  "v2: lists members": async () => {
    const { members } = await enterprise.GET("/members");
    check(
      members.some((m) => m.email === "alice@example.com" && m.role === "admin"),
      `alice is not an admin member: ${JSON.stringify(members)}`,
    );
  },
  "v2: creates an organization, then v1 shows it to its creator": async () => {
    const created = await enterprise.POST("/organizations", { body: { name: orgName, acu_limit: 500 } });
    check(created.name === orgName, `created ${JSON.stringify(created)}`);
    const creator = createOrganizationsClient({ apiKey: "sandbox-enterprise-admin", baseUrl: base });
    const names = [];
    for await (const org of listAllOrganizations(creator, { pageSize: 1 })) {
      names.push(org.name);
    }
    check(names.includes(orgName), `v1 lists ${JSON.stringify(names)}`);
  },
  "v1: reads an organization through its envelope": async () => {
    const detail = await owner.GET("/v1/organizations/{organization_id}", {
      params: { path: { organization_id: "org_abc123" } },
    });
    check(detail.name === "Acme", `detail ${JSON.stringify(detail)}`);
  },
  "v2: a non-admin key is an ApiError 403 with the request id": async () => {
    const outsider = createEnterpriseClient({ apiKey: "sandbox-outsider", baseUrl: `${base}/v2/enterprise` });
    let error;
    try {
      await outsider.GET("/members");
    } catch (e) {
      error = e;
    }
    check(error instanceof ApiError, `expected an ApiError, got ${error}`);
    check(error instanceof EnterprisePermissionDeniedError, `expected the 403 class, got ${error.name}`);
    check(error.name === "EnterprisePermissionDeniedError", `name ${error.name}`);
    check(error.status === 403, `status ${error.status}`);
    check(typeof error.requestId === "string" && error.requestId.length > 0, `requestId ${error.requestId}`);
    check(!error.message.includes("sandbox-outsider"), "the key appears in the error message");
  },
  "v1: a missing organization is an ApiError 404 with its envelope": async () => {
    let error;
    try {
      await owner.GET("/v1/organizations/{organization_id}", {
        params: { path: { organization_id: "org_missing" } },
      });
    } catch (e) {
      error = e;
    }
    check(error instanceof OrganizationsNotFoundError, `expected the 404 class, got ${error?.name}`);
    check(
      error.status === 404 && error.statusMessage === "NOT_FOUND",
      `${error.status} ${error.statusMessage}`,
    );
  },
  "without an apiKey, the key variable is read only where the runtime allows it (no throw)": async () => {
    // Deno runs this without --allow-env: the client must not ask, so the variable counts as unset.
    const unset = globalThis.Deno ? true : process.env.DEVIN_API_KEY === undefined;
    let error;
    try {
      createEnterpriseClient({ baseUrl: `${base}/v2/enterprise` });
    } catch (e) {
      error = e;
    }
    if (unset) {
      check(error instanceof TypeError, `expected a TypeError, got ${error}`);
      check(error.message.includes("DEVIN_API_KEY"), `message ${error.message}`);
    } else {
      check(error === undefined, `the key in DEVIN_API_KEY was refused: ${error}`);
    }
  },
  "v2: walks every session insight, 25 a page": async () => {
    const ids = [];
    for await (const session of listAllSessionInsights(enterprise, { pageSize: 25 })) ids.push(session.id);
    check(
      ids.length === 120 && new Set(ids).size === 120,
      `${ids.length} sessions, ${new Set(ids).size} distinct`,
    );
  },
  "v1: walks every member of an organization, 1 a page": async () => {
    const emails = [];
    for await (const member of listAllMembers(owner, "org_abc123", { pageSize: 1 }))
      emails.push(member.email);
    for (const email of ["alice@example.com", "olivia@example.com", "adam@example.com", "mia@example.com"]) {
      check(emails.includes(email), `${email} missing from ${JSON.stringify(emails)}`);
    }
    check(new Set(emails).size === emails.length, `a member came twice: ${JSON.stringify(emails)}`);
  },
};

await runChecks(checks);
