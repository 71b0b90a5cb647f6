// The app's tests, written once and run three ways (see the three *.test.ts files): the client on
// `sandbox.fetch`, MSW's setupServer in Node, MSW's setupWorker in Chromium. Each way says how the
// app's clients reach the sandbox; the tests themselves are the same.
import {
  type ClientOptions,
  createEnterpriseClient,
  createOrganizationsClient,
  type EnterpriseClient,
  type OrganizationsClient,
  OrganizationsPermissionDeniedError,
} from "@orgadmin/client";
import type { SandboxCore } from "@orgadmin/sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { closeOrganization, enterpriseEmails, openOrganization, organizationNames } from "../src/team.js";

/** The Organizations API v1's base URL as the app configures it (the spec's default server). */
export const V1_URL = "http://127.0.0.1:4020";

export interface Way {
  sandbox: SandboxCore;
  /** What every client of this way gets besides its key (a `fetch`, or nothing for MSW). */
  clientOptions: Partial<ClientOptions>;
}

/** What a call threw (the client throws every failure), or undefined when it succeeded. */
async function refusal(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
    return undefined;
  } catch (error) {
    return error;
  }
}

export function appSuite(way: () => Way): void {
  const v1 = (apiKey: string, extra: Partial<ClientOptions> = {}): OrganizationsClient =>
    createOrganizationsClient({ apiKey, baseUrl: V1_URL, ...way().clientOptions, ...extra });
  const v2 = (apiKey: string, extra: Partial<ClientOptions> = {}): EnterpriseClient =>
    createEnterpriseClient({ apiKey, ...way().clientOptions, ...extra });

  afterEach(() => way().sandbox.reset());

  describe("the app against the orgadmin sandbox", () => {
    it("is refused what the caller's role does not allow", async () => {
      const { sandbox } = way();
      const error = await refusal(() => closeOrganization(v1(sandbox.keys.member), "org_abc123"));
      expect(error).toBeInstanceOf(OrganizationsPermissionDeniedError);
      expect(error).toMatchObject({ status: 403, name: "OrganizationsPermissionDeniedError" });
    });

    it("pages through seeded data", async () => {
      const { sandbox } = way();
      await sandbox.seed({
        users: [{ key: "key-dana", email: "dana@example.com", name: "Dana" }],
        organizations: Array.from({ length: 23 }, (_, i) => ({
          name: `Team ${String(i + 1).padStart(2, "0")}`,
          owner: "key-dana",
        })),
      });
      const names = await organizationNames(v1("key-dana"), 10);
      expect(names).toHaveLength(23);
      expect(names[0]).toBe("Team 01");
      expect(names.at(-1)).toBe("Team 23");
    });

    it("retries a 429 after the Retry-After the sandbox sends, without waiting in real time", async () => {
      const { sandbox } = way();
      sandbox.scenario("enterprise", "listMembers", { status: 429, retryAfter: 30, times: 2 });
      const waits: number[] = [];
      const client = v2(sandbox.keys.enterpriseAdmin, {
        maxRetries: 2,
        sleep: async (ms) => {
          waits.push(ms);
        },
      });
      expect(await enterpriseEmails(client)).toContain("alice@example.com");
      expect(waits).toEqual([30_000, 30_000]);
    });

    it("creates an organization (the next test starts from the starting data again)", async () => {
      const { sandbox } = way();
      await openOrganization(v1(sandbox.keys.owner), "Only in this test");
      expect(await organizationNames(v1(sandbox.keys.owner))).toContain("Only in this test");
    });

    it("sees the starting data after reset()", async () => {
      const { sandbox } = way();
      expect(await organizationNames(v1(sandbox.keys.owner))).toEqual(["Acme", "Globex"]);
    });
  });
}
