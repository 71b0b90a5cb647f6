// `@orgadmin/sandbox/msw` under MSW's setupServer: both APIs answered from an in-process sandbox at
// the spec's server URLs (or where the options move them), and everything else let through.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createEnterpriseClient, createOrganizationsClient } from "@orgadmin/client";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, STARTING_KEYS, STARTING_ORGANIZATIONS } from "../src/index.js";
import { handlers } from "../src/msw.js";

const sandbox = createSandbox();
const MOVED_V2 = "http://127.0.0.1:4999/api/enterprise";
const server = setupServer(
  ...handlers(sandbox),
  ...handlers(sandbox, { enterpriseUrl: MOVED_V2, organizationsUrl: "http://127.0.0.1:4999" }),
);

/** A real server on loopback, for requests the handlers do not own. */
let other: Server;
let otherUrl: string;
beforeAll(async () => {
  other = createServer((_req, res) => res.end("not the sandbox"));
  await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
  otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  // Loopback requests nobody handles go through; anything else is an error, never sent.
  server.listen({
    onUnhandledFrame({ frame, defaults }) {
      const url = (frame.data as { request?: Request }).request?.url;
      if (url && new URL(url).hostname === "127.0.0.1") return;
      defaults.error();
    },
  });
});
afterEach(() => sandbox.reset());
afterAll(async () => {
  server.close();
  await new Promise((resolve) => other.close(resolve));
});

describe("MSW handlers (setupServer)", () => {
  it("answer v2 at the spec's server URL: the client's default base URL, unchanged", async () => {
    const v2 = createEnterpriseClient({ apiKey: STARTING_KEYS.enterpriseAdmin, maxRetries: 0 });
    const { members } = await v2.GET("/members");
    expect(members.length).toBeGreaterThan(0);
  });

  it("answer v1 at the spec's server URL, with the sandbox's rules (a refusal included)", async () => {
    const member = createOrganizationsClient({
      apiKey: STARTING_KEYS.member,
      baseUrl: "http://127.0.0.1:4020",
      maxRetries: 0,
    });
    const refused = member.DELETE("/v1/organizations/{organization_id}", {
      params: { path: { organization_id: STARTING_ORGANIZATIONS.acme } },
    });
    await expect(refused).rejects.toMatchObject({ name: "OrganizationsPermissionDeniedError", status: 403 });
  });

  it("answer where the options move them", async () => {
    const v2 = createEnterpriseClient({
      apiKey: STARTING_KEYS.enterpriseAdmin,
      baseUrl: MOVED_V2,
      maxRetries: 0,
    });
    const created = await v2.POST("/organizations", { body: { name: "Moved", acu_limit: 5 } });
    expect(created).toMatchObject({ name: "Moved", acu_limit: 5 });
    const v1 = createOrganizationsClient({
      apiKey: STARTING_KEYS.enterpriseAdmin,
      baseUrl: "http://127.0.0.1:4999",
      maxRetries: 0,
    });
    const list = await v1.GET("/v1/organizations", { params: { query: { page_size: 100 } } });
    expect(list.organizations.map((o) => o.name)).toContain("Moved");
  });

  it("let through what they do not own", async () => {
    const res = await fetch(`${otherUrl}/v1/organizations`);
    expect(await res.text()).toBe("not the sandbox");
  });

  it("turn a network-failure scenario into a network error", async () => {
    sandbox.scenario("enterprise", "listConsumptionCycles", { network: "error" });
    await expect(
      fetch("https://api.devin.ai/v2/enterprise/consumption/cycles", {
        headers: { Authorization: `Bearer ${STARTING_KEYS.enterpriseAdmin}` },
      }),
    ).rejects.toBeInstanceOf(TypeError);
  });
});
