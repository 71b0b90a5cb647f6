// A change that cannot be made durable is not acknowledged: with the data directory gone, a write
// answers 500 in the error shape of the API it was sent to.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type Sandbox, startSandbox } from "../src/server.js";
import { json, KEYS } from "./support/sandbox.js";

let dir: string;
let sandbox: Sandbox;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "sandbox-write-failure-"));
  sandbox = await startSandbox({ dataFile: join(dir, "state.json"), log: () => {} });
  await rm(dir, { recursive: true, force: true });
  // The failed write is reported on stderr; keep the test output clean.
  vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(async () => {
  await sandbox.close();
  vi.restoreAllMocks();
});

describe("a write the data file cannot take", () => {
  it("answers 500 in the v1 envelope on a v1 path", async () => {
    const res = await json(sandbox.url, "POST", "/v1/organizations", KEYS.owner, { name: "Unsaved" });
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      status_code: 500,
      status_message: "INTERNAL_SERVER_ERROR",
      data: { message: expect.stringMatching(/could not be saved/) },
    });
  });

  it("answers 500 in v2's error shape on a v2 path", async () => {
    const res = await json(sandbox.url, "POST", "/v2/enterprise/organizations", KEYS.enterpriseAdmin, {
      name: "Unsaved v2",
      acu_limit: 10,
    });
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      code: expect.any(String),
      message: expect.stringMatching(/could not be saved/),
    });
    // The organization was not made, so nothing was recorded either.
    const logs = await json(sandbox.url, "GET", "/v2/enterprise/audit-logs?limit=1", KEYS.enterpriseAdmin);
    expect((logs.body as { logs: unknown[] }).logs).toEqual([]);
  });
});

describe("a start that fails", () => {
  it("frees the data file for the next start", async () => {
    const file = join(await mkdtemp(join(tmpdir(), "sandbox-failed-start-")), "state.json");
    try {
      await expect(
        startSandbox({ dataFile: file, keyAliases: { "ci-secret": "sandbox-nobody" } }),
      ).rejects.toThrow(/--key/);
      const next = await startSandbox({ dataFile: file });
      await next.close();
    } finally {
      await rm(dirname(file), { recursive: true, force: true });
    }
  });
});
