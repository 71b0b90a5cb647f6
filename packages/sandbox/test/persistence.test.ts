// `--data FILE`: state survives restarts; a SIGKILL mid-load (or mid-compaction) loses no
// acknowledged write and never leaves FILE half-written; a torn journal tail is dropped; one
// sandbox per file; a change the disk did not take is not kept in memory either.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync, watch } from "node:fs";
import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DataFile } from "../src/persistence.js";
import { seedState } from "../src/seed.js";
import { startSandbox } from "../src/server.js";
import type { State, User } from "../src/state.js";
import { Store } from "../src/store.js";
import { type RunningCli, startCli } from "./support/cli.js";
import { json, KEYS } from "./support/sandbox.js";

const SETTINGS = { default_role: "member", allow_public_projects: false } as const;

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

const journalSegments = async () =>
  (await readdir(dir)).filter((n) => n.startsWith("state.json.journal.")).map((n) => join(dir, n));
const temps = async () => (await readdir(dir)).filter((n) => n.endsWith(".tmp"));

/**
 * 16 clients create organizations (as the outsider) until `enough` says stop; resolves with the
 * names the sandbox acknowledged. `onAck` runs after each acknowledged create.
 */
function writeStorm(cli: RunningCli, prefix: string, onAck: (count: number) => void) {
  const acknowledged: string[] = [];
  let stop = false;
  const writers = Array.from({ length: 16 }, async (_, w) => {
    for (let i = 0; !stop; i++) {
      const name = `${prefix}-w${w}-${i}`;
      try {
        const res = await json(cli.url, "POST", "/v1/organizations", KEYS.outsider, { name });
        if (res.status !== 200) throw new Error(`unexpected ${res.status}`);
        acknowledged.push(name);
        onAck(acknowledged.length);
      } catch (error) {
        // After the kill, a request may fail without an answer: it was never acknowledged.
        if (!stop) throw error;
      }
    }
  });
  return {
    acknowledged,
    async killed(): Promise<void> {
      stop = true;
      cli.child.kill("SIGKILL");
      expect(await cli.exited).toBe("SIGKILL");
      await Promise.all(writers);
    },
  };
}

async function expectAllKept(file: string, acknowledged: Iterable<string>, env: Record<string, string> = {}) {
  const last = await startCli(["--data", file], env);
  try {
    const names = await organizationNames(last.url, KEYS.outsider);
    expect([...acknowledged].filter((n) => !names.has(n))).toEqual([]);
  } finally {
    last.child.kill("SIGTERM");
    await last.exited;
  }
  // A clean stop leaves one whole snapshot holding every acknowledged create, and nothing else:
  // no journal, no lock, no temp file of a killed writer.
  const saved = JSON.parse(await readFile(file, "utf8")) as State;
  const savedNames = new Set(saved.organizations.map((o) => o.name));
  expect([...acknowledged].filter((n) => !savedNames.has(n))).toEqual([]);
  expect(await readdir(dir)).toEqual(["state.json"]);
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

  it("acknowledges back-to-back writes of one caller, each durable before the next starts", async () => {
    const file = join(dir, "state.json");
    const now = () => new Date();
    const data = await DataFile.open(file, (saved) => new Store(saved ?? seedState(now()), now, SETTINGS));
    const owner = data.store.userByKey(KEYS.owner) as User;
    // Each write begins as soon as the previous one is acknowledged, a few promise steps later (as
    // callers' own async layers add), so some land while the append loop is winding down.
    for (let i = 0; i < 64; i++) {
      data.store.v1.createOrganization(owner, { name: `sequential-${i}` });
      await data.persist();
      for (let step = 0; step < i % 8; step++) await Promise.resolve();
    }
    const [segment] = await journalSegments();
    expect((await readFile(segment as string, "utf8")).trim().split("\n")).toHaveLength(64);
    await data.close();
    const saved = JSON.parse(await readFile(file, "utf8")) as State;
    expect(saved.organizations.filter((o) => o.name.startsWith("sequential-"))).toHaveLength(64);
  });

  it("refuses to start on a file that is not a state snapshot", async () => {
    const file = join(dir, "state.json");
    await writeFile(file, '{"version": 99}');
    await expect(startSandbox({ dataFile: file })).rejects.toThrow(/unknown state version/);
  });

  it("loses no acknowledged write when killed with SIGKILL mid-load, and the file is never corrupt", async () => {
    const file = join(dir, "state.json");
    // Small journal segments: snapshots are replaced while the writes go on.
    const env = { ORGADMIN_SANDBOX_COMPACT_AFTER_BYTES: "4096" };
    const acknowledged = new Set<string>();
    let parsedReads = 0;
    for (let round = 0; round < 3; round++) {
      const cli = await startCli(["--data", file], env);
      let reached!: () => void;
      const enough = new Promise<void>((resolve) => {
        reached = resolve;
      });
      const reads: Promise<void>[] = [];
      const storm = writeStorm(cli, `r${round}`, (count) => {
        // Every few acknowledgements, read the snapshot while it may be being replaced: always whole.
        if (count % 4 === 0) {
          reads.push(
            readFile(file, "utf8").then((text) => {
              expect((JSON.parse(text) as State).version).toBe(1);
              parsedReads += 1;
            }),
          );
        }
        if (count === 40 + round * 20) reached();
      });
      await enough;
      await storm.killed();
      await Promise.all(reads);
      for (const name of storm.acknowledged) acknowledged.add(name);
      // After the kill, the snapshot is whole.
      expect(() => JSON.parse(readFileSync(file, "utf8"))).not.toThrow();
    }
    expect(acknowledged.size).toBeGreaterThanOrEqual(40 + 60 + 80);
    expect(parsedReads).toBeGreaterThan(10);
    await expectAllKept(file, acknowledged, env);
  });

  it("loses no acknowledged write when killed in the middle of a compaction", async () => {
    const file = join(dir, "state.json");
    // A large state (20,000 organizations of another user) makes each snapshot take a while to write.
    const big = seedState(new Date());
    const filler = big.organizations[1] as State["organizations"][number];
    for (let i = 0; i < 20_000; i++) {
      big.organizations.push({ ...filler, id: `org_fill${i}`, name: `filler-${i}` });
    }
    await writeFile(file, JSON.stringify(big));
    // Every journal line starts a compaction (one at a time).
    const env = { ORGADMIN_SANDBOX_COMPACT_AFTER_BYTES: "1" };
    const acknowledged = new Set<string>();
    let interrupted = false;
    for (let round = 0; round < 5 && !interrupted; round++) {
      const cli = await startCli(["--data", file], env);
      // The start-up snapshot is written before the listening line: any temp file from now on is a compaction's.
      const compacting = new Promise<void>((resolve) => {
        const watcher = watch(dir, (_event, name) => {
          if (name?.endsWith(".tmp")) {
            watcher.close();
            resolve();
          }
        });
      });
      const storm = writeStorm(cli, `c${round}`, () => {});
      await compacting;
      await storm.killed();
      for (const name of storm.acknowledged) acknowledged.add(name);
      // The half-written snapshot is still there: the kill landed mid-compaction.
      interrupted = (await temps()).length > 0;
      expect(() => JSON.parse(readFileSync(file, "utf8"))).not.toThrow();
    }
    expect(interrupted).toBe(true);
    expect(acknowledged.size).toBeGreaterThan(0);
    await expectAllKept(file, acknowledged, env);
  });

  it("drops a torn last journal line and refuses a damaged one before it", async () => {
    const file = join(dir, "state.json");
    const cli = await startCli(["--data", file]);
    const acknowledged: string[] = [];
    for (let i = 0; i < 5; i++) {
      const name = `journalled-${i}`;
      expect((await json(cli.url, "POST", "/v1/organizations", KEYS.outsider, { name })).status).toBe(200);
      acknowledged.push(name);
    }
    cli.child.kill("SIGKILL");
    await cli.exited;
    const [segment, ...more] = await journalSegments();
    expect(more).toEqual([]);
    if (!segment) throw new Error("no journal segment after acknowledged writes");
    const whole = await readFile(segment, "utf8");
    expect(whole.trim().split("\n")).toHaveLength(5);

    // A crash mid-append: the last line stops short. It was never acknowledged; the rest stands.
    await appendFile(segment, '{"s":6,"c":[{"t":"nextId","v":');
    const recovered = await startSandbox({ dataFile: file });
    try {
      const names = await organizationNames(recovered.url, KEYS.outsider);
      expect(acknowledged.filter((n) => !names.has(n))).toEqual([]);
      const after = await json(recovered.url, "POST", "/v1/organizations", KEYS.outsider, { name: "after" });
      expect(after.status).toBe(200);
    } finally {
      await recovered.close();
    }

    // Damage before the last line is not a crash's doing: refuse to start rather than lose data.
    const lines = whole.trim().split("\n");
    await writeFile(segment, `${[lines[0], "{garbage", ...lines.slice(1)].join("\n")}\n`);
    await writeFile(file, JSON.stringify(seedState(new Date())));
    await expect(startSandbox({ dataFile: file })).rejects.toThrow(/line 2 is not a journal record/);
  });

  it("refuses a second sandbox on the same data file, and takes over after the first stops", async () => {
    const file = join(dir, "state.json");
    const first = await startSandbox({ dataFile: file });
    try {
      await expect(startCli(["--data", file])).rejects.toThrow(
        new RegExp(`in use by another sandbox \\(pid ${process.pid}\\)`),
      );
      await expect(startSandbox({ dataFile: file })).rejects.toThrow(
        /in use by another sandbox \(in this process\)/,
      );
      // The refused starts changed nothing: the first still serves and persists.
      const res = await json(first.url, "POST", "/v1/organizations", KEYS.owner, { name: "First's" });
      expect(res.status).toBe(200);
    } finally {
      await first.close();
    }
    const second = await startSandbox({ dataFile: file });
    try {
      expect(await organizationNames(second.url, KEYS.owner)).toContain("First's");
    } finally {
      await second.close();
    }
  });

  it("answers a write the disk did not take with an error, and does not keep it in memory", async () => {
    const sub = join(dir, "data");
    const sandbox = await startSandbox({ dataFile: join(sub, "state.json") });
    try {
      expect(
        (await json(sandbox.url, "POST", "/v1/organizations", KEYS.owner, { name: "Kept" })).status,
      ).toBe(200);
      await rm(sub, { recursive: true, force: true });
      const ghost = await json(sandbox.url, "POST", "/v1/organizations", KEYS.owner, { name: "Ghost" });
      expect(ghost.status).toBe(500);
      const names = await organizationNames(sandbox.url, KEYS.owner);
      expect(names).toContain("Kept");
      expect(names).not.toContain("Ghost");
      // The name is still free (a 409 would mean the refused create stayed); the disk still refuses.
      const again = await json(sandbox.url, "POST", "/v1/organizations", KEYS.owner, { name: "Ghost" });
      expect(again.status).toBe(500);
    } finally {
      await sandbox.close();
    }
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
