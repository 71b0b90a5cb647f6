// The reloadable mock serves a new version of its document from the next request on, keeps the last
// good one when the new one cannot be read, and is stopped by its own pid like any Prism.
import { copyFileSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { freePort, isGroupAlive, startReloadableMock } from "../src/prism.js";

const fixture = fileURLToPath(new URL("fixtures/members.json", import.meta.url));

type Doc = {
  paths: Record<string, Record<string, { responses: Record<string, Record<string, unknown>> }>>;
};

/** A copy of the fixture whose 200 example for GET /members carries `marker`, written by rename. */
function writeMarked(spec: string, marker: string): void {
  const doc = JSON.parse(readFileSync(fixture, "utf8")) as Doc;
  const ok = doc.paths["/members"]?.get?.responses["200"] as {
    content: Record<string, { example?: unknown }>;
  };
  for (const media of Object.values(ok.content)) media.example = { members: [`${marker}@example.com`] };
  writeFileSync(`${spec}.tmp`, JSON.stringify(doc));
  renameSync(`${spec}.tmp`, spec);
}

async function members(url: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${url}/members`, { headers: { authorization: "Bearer dev" } });
  return { status: response.status, body: await response.text() };
}

describe("reloadable mock", () => {
  it("serves the reloaded document on the same port, keeps the last good one on a broken one, stops by pid", async () => {
    const dir = mkdtempSync(join(tmpdir(), "orgadmin-prism-reload-"));
    const spec = join(dir, "spec.json");
    copyFileSync(fixture, spec);
    writeMarked(spec, "first");
    const port = await freePort();
    const mock = await startReloadableMock({ spec, port, logFile: join(dir, "prism.log") });
    try {
      expect(mock.url).toBe(`http://127.0.0.1:${port}`);
      expect((await members(mock.url)).body).toContain("first");

      writeMarked(spec, "second");
      await mock.reload();
      expect((await members(mock.url)).body).toContain("second");

      writeFileSync(spec, "{ not json");
      await expect(mock.reload()).rejects.toThrow(/spec\.json/);
      const stillServed = await members(mock.url);
      expect(stillServed.status).toBe(200);
      expect(stillServed.body).toContain("second");

      writeMarked(spec, "third");
      await mock.reload();
      expect((await members(mock.url)).body).toContain("third");
    } finally {
      await mock.stop();
    }
    expect(isGroupAlive(mock.pid)).toBe(false);
    await expect(fetch(`${mock.url}/members`)).rejects.toThrow();
  });

  it("refuses a fixed port that is taken, leaving nothing behind", async () => {
    const dir = mkdtempSync(join(tmpdir(), "orgadmin-prism-reload-"));
    const first = await startReloadableMock({ spec: fixture, logFile: join(dir, "first.log") });
    const port = Number(new URL(first.url).port);
    try {
      await expect(
        startReloadableMock({ spec: fixture, port, logFile: join(dir, "second.log") }),
      ).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.stop();
    }
  });
});
