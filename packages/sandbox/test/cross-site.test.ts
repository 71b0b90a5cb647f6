// What a web page on another site could do to a sandbox on a developer's machine: post to a
// `_sandbox` endpoint without a preflight, guess an invitation id, or reach the sandbox through a
// DNS name it rebinds to 127.0.0.1. None of it works.
import { once } from "node:events";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../src/server.js";
import { startCli } from "./support/cli.js";
import { json, KEYS, raw, useSandbox } from "./support/sandbox.js";

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

const pendingIds = async () =>
  (
    (await json(sandbox().url, "GET", "/_sandbox/organizations/org_abc123/invitations", KEYS.owner)).body as {
      invitations: Array<{ invitation_id: string }>;
    }
  ).invitations.map((i) => i.invitation_id);

/** The status of a request sent with exactly this Host header. */
async function statusWithHost(base: string, host: string): Promise<number> {
  const { port } = new URL(base);
  const socket = connect(Number(port), "127.0.0.1");
  let text = "";
  socket.on("data", (c: Buffer) => {
    text += c.toString("latin1");
  });
  const closed = once(socket, "close");
  socket.write(`GET /_sandbox/health HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
  await closed;
  return Number(text.split(" ")[1]);
}

describe("state-changing _sandbox endpoints need a key, like the API", () => {
  it("refuses a plain cross-origin POST to accept an invitation (no key), and the invitation stays pending", async () => {
    const id = await invite("cross-site@example.com");
    const res = await raw(sandbox().url, "POST", `/_sandbox/invitations/${id}/accept`, {
      body: "x",
      contentType: "text/plain",
      headers: { Origin: "https://evil.example" },
    });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ status_code: 401, data: { message: expect.any(String) } });
    expect(await pendingIds()).toContain(id);
  });

  it("refuses an unknown key, and accepts with any sandbox user's key", async () => {
    const id = await invite("with-key@example.com");
    const path = `/_sandbox/invitations/${id}/accept`;
    expect((await json(sandbox().url, "POST", path, "not-a-sandbox-key")).status).toBe(401);
    const accepted = await json(sandbox().url, "POST", path, KEYS.outsider);
    expect(accepted.status).toBe(200);
    expect(await pendingIds()).not.toContain(id);
  });

  it("gives invitations ids that cannot be guessed from the last one", async () => {
    const first = await invite("id-one@example.com");
    const second = await invite("id-two@example.com");
    for (const id of [first, second]) expect(id).toMatch(/^inv_[A-Za-z0-9]{20,}$/);
    expect(first.slice(4, 12)).not.toBe(second.slice(4, 12));
  });
});

describe("Host allow-list (DNS rebinding)", () => {
  it.each(["localhost", "localhost:4020", "127.0.0.1", "127.0.0.1:80", "[::1]", "[::1]:4020", "LOCALHOST:1"])(
    "answers a request for Host %s",
    async (host) => {
      expect(await statusWithHost(sandbox().url, host)).toBe(200);
    },
  );

  it.each(["evil.example", "evil.example:4020", "127.0.0.1.evil.example", "localhost.evil.example:4020"])(
    "refuses a request for Host %s with 403 in the API's error shape",
    async (host) => {
      expect(await statusWithHost(sandbox().url, host)).toBe(403);
      const res = await raw(sandbox().url, "GET", V1, { key: KEYS.owner, headers: { Host: host } });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ status_code: 403, data: { message: expect.stringMatching(/host/i) } });
    },
  );

  describe("with more names allowed", () => {
    let allowing: Sandbox;
    beforeAll(async () => {
      allowing = await startSandbox({ allowedHosts: ["sandbox.test"] });
    });
    afterAll(async () => {
      await allowing.close();
    });

    it("answers the names given as well as loopback, and nothing else", async () => {
      expect(await statusWithHost(allowing.url, "sandbox.test:4020")).toBe(200);
      expect(await statusWithHost(allowing.url, "localhost")).toBe(200);
      expect(await statusWithHost(allowing.url, "other.test")).toBe(403);
    });
  });

  it("--allowed-host adds a name on the command line", async () => {
    const cli = await startCli(["--allowed-host", "sandbox.test"]);
    try {
      expect(await statusWithHost(cli.url, "sandbox.test")).toBe(200);
      expect(await statusWithHost(cli.url, "evil.example")).toBe(403);
    } finally {
      cli.child.kill("SIGTERM");
      await cli.exited;
    }
  });
});
