// `--data FILE`: state survives restarts, and a SIGKILL in the middle of a write storm loses no
// acknowledged write and never leaves FILE half-written.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSandbox } from "../src/server.js";
import type { State } from "../src/state.js";
import { startCli } from "./support/cli.js";
import { json, KEYS } from "./support/sandbox.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "sandbox-data-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every organization the key can see, across pages. */
async function organizationNames(url: string, key: string): Promise<Set<string>> {
  const names = new Set<string>();
  for (let page = 1; ; page++) {
    const res = await json(url, "GET", `/v1/organizations?page=${page}&page_size=100`, key);
    expect(res.status).toBe(200);
    const data = (res.body as { data: { organizations: Array<{ name: string }> } }).data;
    for (const o of data.organizations) names.add(o.name);
    if (data.organizations.length < 100) return names;
  }
}

describe("persistence", () => {
  it("keeps creates, updates and deletes across a restart", async () => {
    const file = join(dir, "state.json");
    const first = await startSandbox({ dataFile: file });
    const created = await json(first.url, "POST", "/v1/organizations", KEYS.owner, { name: "Survivor" });
    const id = (created.body as { data: { id: string } }).data.id;
    await json(first.url, "PUT", `/v1/organizations/${id}`, KEYS.owner, { description: "kept" });
    await json(first.url, "DELETE", "/v1/organizations/org_def456", KEYS.admin);
    await first.close();

    const second = await startSandbox({ dataFile: file });
    try {
      const detail = await json(second.url, "GET", `/v1/organizations/${id}`, KEYS.owner);
      expect(detail.body).toMatchObject({ data: { name: "Survivor", description: "kept" } });
      expect((await json(second.url, "GET", "/v1/organizations/org_def456", KEYS.admin)).status).toBe(404);
      // Ids keep counting up rather than colliding with earlier ones.
      const next = await json(second.url, "POST", "/v1/organizations", KEYS.owner, { name: "Newcomer" });
      expect((next.body as { data: { id: string } }).data.id).not.toBe(id);
    } finally {
      await second.close();
    }
  });

  it("refuses to start on a file that is not a state snapshot", async () => {
    const file = join(dir, "state.json");
    await writeFile(file, '{"version": 99}');
    await expect(startSandbox({ dataFile: file })).rejects.toThrow(/unknown state version/);
  });

  it("loses no acknowledged write when killed with SIGKILL mid-load, and the file is never corrupt", async () => {
    const file = join(dir, "state.json");
    const acknowledged = new Set<string>();
    let parsedReads = 0;
    for (let round = 0; round < 3; round++) {
      const cli = await startCli(["--data", file]);
      let stop = false;
      // The kill comes once this round has had enough acknowledged writes and whole reads (more in
      // each round, so it lands at a different point of the storm), however fast the machine is.
      const ackTarget = acknowledged.size + 8 + round * 4;
      const readTarget = parsedReads + 4;
      let reachTargets = () => {};
      const targetsReached = new Promise<void>((resolve) => {
        reachTargets = resolve;
      });
      const progress = () => {
        if (acknowledged.size >= ackTarget && parsedReads >= readTarget) reachTargets();
      };
      // Readers check the file while it is being replaced: every read is a whole snapshot.
      const reader = (async () => {
        while (!stop) {
          const state = JSON.parse(await readFile(file, "utf8")) as State;
          expect(state.version).toBe(1);
          parsedReads += 1;
          progress();
          await new Promise((r) => setTimeout(r, 2));
        }
      })();
      const writers = Array.from({ length: 16 }, async (_, w) => {
        for (let i = 0; !stop; i++) {
          const name = `r${round}-w${w}-${i}`;
          try {
            const res = await json(cli.url, "POST", "/v1/organizations", KEYS.outsider, { name });
            if (res.status === 200) {
              acknowledged.add(name);
              progress();
            } else throw new Error(`unexpected ${res.status}`);
          } catch (error) {
            if (!stop) throw error;
          }
        }
      });
      // A writer or the reader failing ends the wait at once (they only settle by failing).
      await Promise.race([targetsReached, Promise.all([...writers, reader])]);
      stop = true;
      cli.child.kill("SIGKILL");
      expect(await cli.exited).toBe("SIGKILL");
      await Promise.all([...writers, reader]);
      // After the kill, the file is one whole snapshot.
      expect(() => JSON.parse(readFileSync(file, "utf8"))).not.toThrow();
    }
    expect(acknowledged.size).toBeGreaterThan(20);
    expect(parsedReads).toBeGreaterThan(10);

    const last = await startCli(["--data", file]);
    try {
      const names = await organizationNames(last.url, KEYS.outsider);
      const lost = [...acknowledged].filter((n) => !names.has(n));
      expect(lost).toEqual([]);
    } finally {
      last.child.kill("SIGTERM");
      await last.exited;
    }
    // The data file itself holds every acknowledged create, and the temp files the killed writers
    // may have left were removed when the last server started.
    const saved = JSON.parse(await readFile(file, "utf8")) as State;
    const savedNames = new Set(saved.organizations.map((o) => o.name));
    expect([...acknowledged].filter((n) => !savedNames.has(n))).toEqual([]);
    expect(await readdir(dir)).toEqual(["state.json"]);
  });

  it("removes the temp files of writers that are gone when it starts, and no one else's", async () => {
    const file = join(dir, "state.json");
    const gone = spawn(process.execPath, ["-e", ""]);
    const gonePid = gone.pid;
    await once(gone, "exit");
    const live = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60_000)"]);
    try {
      const stale = [
        `.state.json.${gonePid}.7.tmp`, // a writer killed mid-write
        `.state.json.${process.pid}.1.tmp`, // a predecessor with this pid (a restarted container)
      ];
      const kept = [`.state.json.${live.pid}.1.tmp`, ".other.json.1.1.tmp", "notes.tmp", ".state.json.bak"];
      for (const name of [...stale, ...kept]) await writeFile(join(dir, name), '{"version": 1, "half');
      const sandbox = await startSandbox({ dataFile: file });
      await sandbox.close();
      expect((await readdir(dir)).sort()).toEqual([...kept, "state.json"].sort());
    } finally {
      live.kill("SIGKILL");
    }
  });
});
