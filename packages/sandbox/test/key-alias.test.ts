// `--key ALIAS=KEY`: the caller's own key (which may contain `=`, as base64 keys do) acts as a
// sandbox user, and no error repeats that key.
import { describe, expect, it } from "vitest";
import { parseKeyAlias } from "../src/key-alias.js";
import { startSandbox } from "../src/server.js";
import { startCli } from "./support/cli.js";
import { json, KEYS } from "./support/sandbox.js";

const BASE64_KEY = "c2stbGl2ZS0xMjM0NQ==";

describe("parseKeyAlias", () => {
  it.each([
    [`${BASE64_KEY}=sandbox-owner`, BASE64_KEY, "sandbox-owner"],
    ["a=b=c=sandbox-admin", "a=b=c", "sandbox-admin"],
    ["ci-secret=sandbox-owner", "ci-secret", "sandbox-owner"],
  ])("reads %s as %s acting as %s", (pair, alias, key) => {
    expect(parseKeyAlias(pair)).toEqual([alias, key]);
  });

  it.each(["no-equals-sign", "=sandbox-owner", `${BASE64_KEY}=`])(
    "refuses %s without repeating it",
    (pair) => {
      expect(() => parseKeyAlias(pair)).toThrow(/ALIAS=KEY/);
      try {
        parseKeyAlias(pair);
      } catch (error) {
        expect((error as Error).message).not.toContain(pair);
      }
    },
  );
});

describe("orgadmin-sandbox --key", () => {
  it("accepts a key ending in `=` as the seeded user it names", async () => {
    const cli = await startCli(["--key", `${BASE64_KEY}=sandbox-owner`]);
    try {
      const res = await json(cli.url, "GET", "/v1/organizations", BASE64_KEY);
      expect(res.status).toBe(200);
      // Olivia's view: she owns Acme.
      const orgs = (res.body as { data: { organizations: Array<{ id: string; role: string }> } }).data;
      expect(orgs.organizations.find((o) => o.id === "org_abc123")?.role).toBe("owner");
      // The seeded key still works, and a near miss of the alias does not.
      expect((await json(cli.url, "GET", "/v1/organizations/org_abc123", KEYS.owner)).status).toBe(200);
      const nearMiss = BASE64_KEY.replace(/=+$/, "");
      expect((await json(cli.url, "GET", "/v1/organizations/org_abc123", nearMiss)).status).toBe(401);
    } finally {
      cli.child.kill("SIGTERM");
      await cli.exited;
    }
  });

  it("refuses an alias for a key no user has, naming neither half (either may be a secret)", async () => {
    const start = startSandbox({ keyAliases: { [BASE64_KEY]: "sandbox-nobody" } });
    await expect(start).rejects.toThrow(/sandbox-owner/);
    await expect(start).rejects.not.toThrow(BASE64_KEY);
    await expect(start).rejects.not.toThrow("sandbox-nobody");
  });
});
