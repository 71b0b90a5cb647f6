// @orgadmin/client bundled into a page served from one loopback origin, calling both APIs of a
// sandbox on another: the cross-origin path a dashboard takes (preflights, exposed headers).
import { join } from "node:path";
import { type Sandbox, startSandbox } from "@orgadmin/sandbox";
import { build } from "esbuild";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, launch, SCREENSHOTS, unavailable } from "./support/browser.js";
import { type Served, serve } from "./support/serve.js";

const WAIT = { timeout: 60_000 };

async function bundlePage(): Promise<string> {
  const result = await build({
    entryPoints: [new URL("./page/app.ts", import.meta.url).pathname],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]?.text ?? "";
}

describe.skipIf(unavailable)("the client in Chromium, across origins", () => {
  let browser: Browser;
  let sandbox: Sandbox;
  let limited: Sandbox;
  let closed: Sandbox;
  let site: Served;
  let page: Page;
  const shown: Array<[string, unknown]> = [];

  beforeAll(async () => {
    [sandbox, limited, closed] = await Promise.all([
      startSandbox({ port: 0 }),
      // One request per key, then a bucket that refills in ~17 minutes: the second call is a 429
      // with a long Retry-After, however slow the machine.
      startSandbox({ port: 0, rateLimit: { capacity: 1, refillPerSecond: 0.001 } }),
      // Allows another origin only: the page's calls must be refused by the browser.
      startSandbox({ port: 0, corsOrigins: ["https://admin.example.com"] }),
    ]);
    site = await serve({
      "/": {
        type: "text/html; charset=utf-8",
        body: '<!doctype html><meta charset="utf-8"><title>dashboard</title><script type="module" src="/app.js"></script><body></body>',
      },
      "/app.js": { type: "text/javascript", body: await bundlePage() },
    });
    browser = await launch();
    page = await browser.newPage();
    await page.goto(site.url);
    await page.locator("body[data-ready=true]").waitFor({ state: "attached", ...WAIT });
  });

  afterAll(async () => {
    if (page && shown.length > 0) {
      // What the page did, as a person would see it, for the screenshot CI keeps.
      await page.evaluate(
        (lines) => {
          const pre = document.createElement("pre");
          pre.style.font = "14px monospace";
          pre.style.whiteSpace = "pre-wrap";
          pre.textContent = lines.join("\n\n");
          const h1 = document.createElement("h1");
          h1.textContent = `@orgadmin/client in Chromium, from ${location.origin}`;
          document.body.replaceChildren(h1, pre);
        },
        shown.map(([name, value]) => `${name}\n${JSON.stringify(value, null, 2)}`),
      );
      await page.screenshot({ path: join(SCREENSHOTS, "client-page.png"), fullPage: true });
    }
    await browser?.close();
    await Promise.all([site?.close(), sandbox?.close(), limited?.close(), closed?.close()]);
  });

  it("lists through both APIs from another origin", async () => {
    const result = await page.evaluate(async (api) => {
      const { createEnterpriseClient, createOrganizationsClient } = window.orgadmin;
      const v2 = createEnterpriseClient({
        apiKey: "sandbox-enterprise-admin",
        baseUrl: `${api}/v2/enterprise`,
      });
      const v1 = createOrganizationsClient({ apiKey: "sandbox-owner", baseUrl: api });
      const { members } = await v2.GET("/members");
      const { organizations } = await v1.GET("/v1/organizations");
      return {
        origin: location.origin,
        members: members.map((m) => `${m.email} (${m.role})`),
        organizations: organizations.map((o) => o.name),
      };
    }, sandbox.url);
    shown.push(["list (v2 members, v1 organizations)", result]);
    expect(result.origin).not.toBe(new URL(sandbox.url).origin);
    expect(result.members).toContain("alice@example.com (admin)");
    expect(result.organizations).toContain("Acme");
  });

  it("creates through both APIs, and the sandbox has what the page created", async () => {
    const result = await page.evaluate(async (api) => {
      const { createEnterpriseClient, createOrganizationsClient } = window.orgadmin;
      const v2 = createEnterpriseClient({
        apiKey: "sandbox-enterprise-admin",
        baseUrl: `${api}/v2/enterprise`,
      });
      const v1 = createOrganizationsClient({ apiKey: "sandbox-owner", baseUrl: api });
      const viaV2 = await v2.POST("/organizations", { body: { name: "Browser v2", acu_limit: 100 } });
      const viaV1 = await v1.POST("/v1/organizations", { body: { name: "Browser v1" } });
      return { v2: viaV2.name, v1: viaV1.name };
    }, sandbox.url);
    shown.push(["create (v2 and v1)", result]);
    expect(result).toEqual({ v2: "Browser v2", v1: "Browser v1" });
    // Read back from outside the browser.
    const answer = await fetch(`${sandbox.url}/v1/organizations?page_size=100`, {
      headers: { authorization: "Bearer sandbox-owner" },
    });
    const names = (
      (await answer.json()) as { data: { organizations: Array<{ name: string }> } }
    ).data.organizations.map((o) => o.name);
    expect(names).toContain("Browser v1");
  });

  it("surfaces errors as ApiError with the status, the envelope and the request id", async () => {
    const result = await page.evaluate(async (api) => {
      const { ApiError, createEnterpriseClient, createOrganizationsClient } = window.orgadmin;
      const describe = (e: unknown) =>
        e instanceof ApiError
          ? {
              name: e.name,
              status: e.status,
              statusMessage: (e as { statusMessage?: string }).statusMessage,
              requestId: e.requestId,
            }
          : { name: String(e) };
      const v1 = createOrganizationsClient({ apiKey: "sandbox-owner", baseUrl: api });
      const outsider = createEnterpriseClient({
        apiKey: "sandbox-outsider",
        baseUrl: `${api}/v2/enterprise`,
      });
      const errors = [];
      try {
        await v1.GET("/v1/organizations/{organization_id}", {
          params: { path: { organization_id: "org_none" } },
        });
      } catch (e) {
        errors.push(describe(e));
      }
      try {
        await outsider.GET("/members");
      } catch (e) {
        errors.push(describe(e));
      }
      return errors;
    }, sandbox.url);
    shown.push(["errors (v1 404, v2 403)", result]);
    expect(result).toEqual([
      {
        name: "OrganizationsNotFoundError",
        status: 404,
        statusMessage: "NOT_FOUND",
        requestId: expect.any(String),
      },
      {
        name: "EnterprisePermissionDeniedError",
        status: 403,
        statusMessage: undefined,
        requestId: expect.any(String),
      },
    ]);
  });

  it("reads Retry-After from a 429 (an exposed header)", async () => {
    const result = await page.evaluate(async (api) => {
      const { ApiError, createEnterpriseClient } = window.orgadmin;
      // No retries: the test looks at the 429 itself, not at a 17-minute wait.
      const v2 = createEnterpriseClient({
        apiKey: "sandbox-enterprise-admin",
        baseUrl: `${api}/v2/enterprise`,
        maxRetries: 0,
      });
      const first = (await v2.GET("/members")).members.length;
      try {
        await v2.GET("/members");
        return { first, second: "no error" };
      } catch (e) {
        if (!(e instanceof ApiError)) return { first, second: String(e) };
        return { first, second: { status: e.status, retryAfterMs: e.retryAfterMs, requestId: e.requestId } };
      }
    }, limited.url);
    shown.push(["rate limited (capacity 1): the second call", result]);
    expect(result.first).toBeGreaterThan(0);
    expect(result.second).toEqual({
      status: 429,
      retryAfterMs: expect.any(Number),
      requestId: expect.any(String),
    });
    // ceil((1 - tokens) / 0.001) whole seconds: 1000 s less what refilled between the two calls
    // (a tenth of a token after 100 s: far more than the two calls take on any machine).
    const { retryAfterMs } = result.second as { retryAfterMs: number };
    expect(retryAfterMs).toBeGreaterThanOrEqual(900_000);
    expect(retryAfterMs).toBeLessThanOrEqual(1_000_000);
  });

  it("is refused by the browser when the sandbox does not allow the page's origin", async () => {
    const result = await page.evaluate(async (api) => {
      const { createEnterpriseClient } = window.orgadmin;
      const v2 = createEnterpriseClient({
        apiKey: "sandbox-enterprise-admin",
        baseUrl: `${api}/v2/enterprise`,
        maxRetries: 0,
      });
      try {
        await v2.GET("/members");
        return "answered";
      } catch (e) {
        return e instanceof Error ? e.name : String(e);
      }
    }, closed.url);
    shown.push(["a sandbox allowing only https://admin.example.com", result]);
    expect(result).toBe("ConnectionError");
  });

  it("sent nothing off the machine and threw nothing", () => {
    expect(browser.offMachine).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
