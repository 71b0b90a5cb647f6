// Keys are secrets: the sandbox hands a key out only to the user it creates, makes new keys that
// cannot be guessed, and never repeats a value it was given that may be one.
import { describe, expect, it } from "vitest";
import { parseByteSize } from "../src/byte-size.js";
import { startSandbox } from "../src/server.js";
import { startCli, startupFailure } from "./support/cli.js";
import { json, KEYS, useSandbox } from "./support/sandbox.js";

const sandbox = useSandbox();
const V1 = "/v1/organizations";

async function invite(email: string): Promise<string> {
  const res = await json(sandbox().url, "POST", `${V1}/org_abc123/invitations`, KEYS.owner, {
    email,
    role: "member",
  });
  expect(res.status).toBe(200);
  return (res.body as { data: { invitation_id: string } }).data.invitation_id;
}

const accept = async (invitationId: string) =>
  (await json(sandbox().url, "POST", `/_sandbox/invitations/${invitationId}/accept`, KEYS.outsider)).body as {
    user_id: string;
    api_key?: string;
  };

describe("POST /_sandbox/invitations/{id}/accept", () => {
  it("never reveals the key of a user who already has one", async () => {
    // An organization owner invites the Enterprise admin's address.
    const byOwner = await json(sandbox().url, "POST", V1, KEYS.owner, { name: "Key Fishing" });
    const orgId = (byOwner.body as { data: { id: string } }).data.id;
    const inv = await json(sandbox().url, "POST", `${V1}/${orgId}/invitations`, KEYS.owner, {
      email: "alice@example.com",
      role: "member",
    });
    const answer = await accept((inv.body as { data: { invitation_id: string } }).data.invitation_id);
    expect(answer.user_id).toBe("user_123");
    expect(answer).not.toHaveProperty("api_key");
    expect(JSON.stringify(answer)).not.toContain(KEYS.enterpriseAdmin);
  });

  it("gives a new user a random key that works and cannot be derived from the user id", async () => {
    const first = await accept(await invite("newcomer-one@example.com"));
    const second = await accept(await invite("newcomer-two@example.com"));
    for (const user of [first, second]) {
      expect(user.api_key).toMatch(/^sandbox-key-[A-Za-z0-9_-]{24,}$/);
      expect(user.api_key).not.toContain(user.user_id.replace(/^user_/, ""));
      const res = await json(sandbox().url, "GET", `${V1}/org_abc123`, user.api_key);
      expect(res.status).toBe(200);
    }
    expect(first.api_key).not.toBe(second.api_key);
  });
});

describe("parseByteSize", () => {
  it.each([
    ["64kb", 64 * 1024],
    ["64KB", 64 * 1024],
    ["1mb", 1024 * 1024],
    ["1.5kb", 1536],
    ["2048", 2048],
    ["2048b", 2048],
  ])("reads %s as %i bytes", (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes);
  });

  it.each(["abc", "-1", "0", "0kb", "12zb", "", " 5", "1e3", "Infinity", "0.4"])("refuses %j", (text) => {
    expect(() => parseByteSize(text)).toThrow(/a size in bytes/);
  });
});

describe("startSandbox options", () => {
  it.each([Number.NaN, -1, 0, 1.5, Number.POSITIVE_INFINITY])(
    "refuses a bodyLimit of %s",
    async (bodyLimit) => {
      await expect(startSandbox({ bodyLimit })).rejects.toThrow(/bodyLimit must be a whole number of bytes/);
    },
  );
});

describe("orgadmin-sandbox options", () => {
  it.each(["abc", "-1"])("refuses --body-limit %j with a clear message", async (value) => {
    expect(await startupFailure([`--body-limit=${value}`])).toMatch(/--body-limit: .*a size in bytes/);
  });

  it("reads --body-limit 64kb as 65536 bytes", async () => {
    const bytes = 64 * 1024;
    const cli = await startCli(["--body-limit", "64kb"]);
    try {
      // A body of exactly the limit is read (and may be refused for its content, so the message
      // tells which); one byte more is too large.
      const at = await json(cli.url, "POST", V1, KEYS.owner, { name: "x".repeat(bytes - 11) });
      expect(JSON.stringify(at.body)).not.toMatch(/larger than/);
      const over = await json(cli.url, "POST", V1, KEYS.owner, { name: "x".repeat(bytes - 10) });
      expect(over.status).toBe(400);
      expect(JSON.stringify(over.body)).toMatch(new RegExp(`larger than ${bytes} bytes`));
    } finally {
      cli.child.kill("SIGTERM");
      await cli.exited;
    }
  });

  it("never prints a --key pair given in the wrong order, nor either half of it", async () => {
    const secret = "sk-live-Zq8vX3secretValue";
    const message = await startupFailure(["--key", `sandbox-owner=${secret}`]);
    expect(message).toMatch(/--key/);
    expect(message).not.toContain(secret);
    expect(message).toMatch(/sandbox-owner/); // the list of sandbox keys, which are public
  });

  const secret = "sk-live-Zq8vX3secretValue";
  it.each([
    ["a --key left empty, its pair then read as an argument", ["--key=", `${secret}=sandbox-owner`]],
    ["a --key given an empty value", ["--key", "", `${secret}=sandbox-owner`]],
    ["a pair given without --key", [`${secret}=sandbox-owner`]],
    ["a secret given to --cors-origin", ["--cors-origin", secret]],
    ["a secret given to --rate-limit", ["--rate-limit", secret]],
    ["a secret given to --body-limit", ["--body-limit", secret]],
    ["a secret given to --host", ["--host", secret]],
    ["a secret written as a short option", [`-${secret}`]],
    ["a secret glued to an unknown option", [`--api-key=${secret}`]],
  ])("never prints an argument's value in its error: %s", async (_, args) => {
    const message = await startupFailure(args);
    expect(message.length).toBeGreaterThan(0);
    expect(message).not.toContain("Zq8vX3");
  });
});
