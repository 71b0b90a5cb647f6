// `--data FILE`: state survives restarts in a SQLite database; a SIGKILL under load loses no
// acknowledged write and no read showed what was then lost; one commit per turn of the event
// loop; the durability settings are in force; FILE is held by one sandbox at a time; a file that
// is not a sandbox database is refused and left as it was; a symlink is followed.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { lstat, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DataFile } from "../src/persistence.js";
import { seedState } from "../src/seed.js";
import { startSandbox } from "../src/server.js";
import type { State, User } from "../src/state.js";
import { Store } from "../src/store.js";
import { startTestSandbox } from "../src/testing.js";
import { CLI, startCli } from "./support/cli.js";
import { json, KEYS } from "./support/sandbox.js";
import { expectKept, organizations, writeStorm } from "./support/storm.js";

const SETTINGS = { default_role: "member", allow_public_projects: false } as const;
const now = () => new Date();
const load = (saved: State | undefined) => new Store(saved ?? seedState(now()), now, SETTINGS);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "sandbox-data-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("persistence", () => {
  it("keeps creates, updates and deletes across a restart", async () => {
    const file = join(dir, "state.db");
    const first = await startSandbox({ dataFile: file });
    const created = await json(first.url, "POST", "/v1/organizations", KEYS.owner, { name: "Survivor" });
    const id = (created.body as { data: { id: string } }).data.id;
    await json(first.url, "PUT", `/v1/organizations/${id}`, KEYS.owner, { description: "kept" });
    await json(first.url, "DELETE", "/v1/organizations/org_def456", KEYS.admin);
    const invited = await json(first.url, "POST", "/v2/enterprise/members/invite", KEYS.enterpriseAdmin, {
      emails: ["kept@example.com"],
      role: "member",
    });
    expect(invited.status).toBe(200);
    const orgsBefore = await organizations(first.url, KEYS.owner);
    const membersBefore = await json(first.url, "GET", "/v2/enterprise/members", KEYS.enterpriseAdmin);
    const logsBefore = await json(
      first.url,
      "GET",
      "/v2/enterprise/audit-logs?limit=50",
      KEYS.enterpriseAdmin,
    );
    await first.close();
    // A clean stop leaves the database alone: no log, no lock file, nothing of ours beside it.
    expect(await readdir(dir)).toEqual(["state.db"]);

    const second = await startSandbox({ dataFile: file });
    try {
      const detail = await json(second.url, "GET", `/v1/organizations/${id}`, KEYS.owner);
      expect(detail.body).toMatchObject({ data: { name: "Survivor", description: "kept" } });
      expect((await json(second.url, "GET", "/v1/organizations/org_def456", KEYS.admin)).status).toBe(404);
      // The same rows in the same order.
      expect([...(await organizations(second.url, KEYS.owner))]).toEqual([...orgsBefore]);
      expect((await json(second.url, "GET", "/v2/enterprise/members", KEYS.enterpriseAdmin)).body).toEqual(
        membersBefore.body,
      );
      expect(
        (await json(second.url, "GET", "/v2/enterprise/audit-logs?limit=50", KEYS.enterpriseAdmin)).body,
      ).toEqual(logsBefore.body);
      // Ids keep counting up rather than colliding with earlier ones.
      const next = await json(second.url, "POST", "/v1/organizations", KEYS.owner, { name: "Newcomer" });
      expect((next.body as { data: { id: string } }).data.id).not.toBe(id);
    } finally {
      await second.close();
    }
  });

  it("commits the changes of one turn together, and each later write in its own commit", async () => {
    const data = await DataFile.open(join(dir, "state.db"), load);
    const requests = vi.spyOn(data as unknown as { request(message: { t: string }): unknown }, "request");
    const count = () => requests.mock.calls.filter(([message]) => message.t === "commit").length;
    const owner = data.store.userByKey(KEYS.owner) as User;
    // 64 writers in one turn: one transaction.
    for (let i = 0; i < 64; i++) data.store.v1.createOrganization(owner, { name: `together-${i}` });
    await data.persist();
    expect(count()).toBe(1);
    // Each write begins once the previous one is durable: one transaction each.
    for (let i = 0; i < 8; i++) {
      data.store.v1.createOrganization(owner, { name: `sequential-${i}` });
      await data.persist();
    }
    expect(count()).toBe(9);
    // A turn with no change commits nothing.
    await data.persist();
    expect(count()).toBe(9);
    await data.close();
    const reopened = await DataFile.open(join(dir, "state.db"), load);
    try {
      const names = new Set(reopened.store.state.organizations.map((o) => o.name));
      for (let i = 0; i < 64; i++) expect(names).toContain(`together-${i}`);
      for (let i = 0; i < 8; i++) expect(names).toContain(`sequential-${i}`);
    } finally {
      await reopened.close();
    }
  });

  it("keeps the id counter across restarts, whether the last id went to an audit entry or not", async () => {
    const file = join(dir, "state.db");
    const counter = async (data: DataFile) =>
      (await data.query("SELECT value FROM meta WHERE key = 'nextId'"))[0]?.value;
    let data = await DataFile.open(file, load);
    const owner = () => data.store.userByKey(KEYS.owner) as User;
    const written = await counter(data);
    // An audited write: its entry's seq is the last id taken, and the counter row is not rewritten.
    data.store.v1.createOrganization(owner(), { name: "audited" });
    await data.persist();
    expect(await counter(data)).toBe(written);
    let expected = data.store.state.nextId;
    expect(data.store.state.audit.at(-1)?.seq).toBe(expected);
    await data.close();
    data = await DataFile.open(file, load);
    expect(data.store.state.nextId).toBe(expected);
    // An id taken after the last audit entry: the counter row holds it.
    data.store.v1.createOrganization(owner(), { name: "audited too" });
    data.store.nextId("unaudited");
    await data.persist();
    expected = data.store.state.nextId;
    expect(data.store.state.audit.at(-1)?.seq).toBe(expected - 1);
    await data.close();
    data = await DataFile.open(file, load);
    try {
      expect(data.store.state.nextId).toBe(expected);
    } finally {
      await data.close();
    }
  });

  it("keeps the durability settings in force: WAL, synchronous=FULL, an exclusive lock", async () => {
    const sandbox = await startTestSandbox({ dataFile: join(dir, "state.db") });
    try {
      const pragma = async (name: string) => (await sandbox.dataFile?.query(`PRAGMA ${name}`))?.[0]?.[name];
      expect(await pragma("journal_mode")).toBe("wal");
      expect(await pragma("synchronous")).toBe(2); // FULL
      expect(await pragma("locking_mode")).toBe("exclusive");
      // Checkpoints run apart from commits, never inside one.
      expect(await pragma("wal_autocheckpoint")).toBe(0);
    } finally {
      await sandbox.close();
    }
  });

  it("loses no acknowledged write, and no read showed a write it then lost, when SIGKILLed under load", async () => {
    const file = join(dir, "state.db");
    const acknowledged = new Set<string>();
    const shown = new Set<string>();
    for (let round = 0; round < 3; round++) {
      const cli = await startCli(["--data", file]);
      const enough = 100 + round * 50;
      let reached!: () => void;
      const done = new Promise<void>((resolve) => {
        reached = resolve;
      });
      const storm = writeStorm(cli.url, `r${round}`, 32, (s) => {
        if (s.acknowledged.length >= enough && s.shown.size > 0) reached();
      });
      await done;
      const stopped = storm.stop();
      cli.child.kill("SIGKILL");
      expect(await cli.exited).toBe("SIGKILL");
      await stopped;
      expect(storm.refused).toEqual([]);
      for (const name of storm.acknowledged) acknowledged.add(name);
      for (const id of storm.shown) shown.add(id);
    }
    expect(acknowledged.size).toBeGreaterThanOrEqual(100 + 150 + 200);
    const last = await startCli(["--data", file]);
    try {
      await expectKept(last.url, { acknowledged, shown });
    } finally {
      last.child.kill("SIGTERM");
      await last.exited;
    }
  });

  it("refuses a second sandbox on the same data file with one clear line, and takes over after the first stops", async () => {
    const file = join(dir, "state.db");
    const first = await startSandbox({ dataFile: file });
    const inUse = /state\.db is in use by another sandbox: stop it or give this one another --data file/;
    try {
      const cli = spawn(process.execPath, [CLI, "--port", "0", "--data", file]);
      let output = "";
      cli.stderr.on("data", (c: Buffer) => {
        output += c.toString();
      });
      cli.stdout.on("data", (c: Buffer) => {
        output += c.toString();
      });
      const [code] = await once(cli, "exit");
      expect(code).toBe(1);
      expect(output.trim().split("\n")).toHaveLength(1);
      expect(output).toMatch(inUse);
      await expect(startSandbox({ dataFile: file })).rejects.toThrow(inUse);
      // The refused starts changed nothing: the first still serves and persists.
      const res = await json(first.url, "POST", "/v1/organizations", KEYS.owner, { name: "First's" });
      expect(res.status).toBe(200);
    } finally {
      await first.close();
    }
    const second = await startSandbox({ dataFile: file });
    try {
      expect([...(await organizations(second.url, KEYS.owner)).values()]).toContain("First's");
    } finally {
      await second.close();
    }
  });

  it("refuses a file that is not a sandbox database, and leaves it as it was", async () => {
    const snapshot = join(dir, "state.json");
    // The JSON snapshot earlier releases wrote.
    await writeFile(snapshot, JSON.stringify(seedState(new Date())));
    const foreign = join(dir, "other.db");
    const other = new (process.getBuiltinModule("node:sqlite").DatabaseSync)(foreign);
    other.exec("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine')");
    other.close();
    for (const file of [snapshot, foreign]) {
      const before = {
        bytes: await readFile(file),
        mtime: (await stat(file)).mtimeMs,
        files: await readdir(dir),
      };
      await expect(startSandbox({ dataFile: file })).rejects.toThrow(
        /is not a sandbox data file \(a SQLite database\); it was left as it is/,
      );
      expect(await readFile(file)).toEqual(before.bytes);
      expect((await stat(file)).mtimeMs).toBe(before.mtime);
      expect(await readdir(dir)).toEqual(before.files);
    }
  });

  it("follows a symlink: the file it points to gets the writes", async () => {
    const real = join(dir, "real.db");
    const link = join(dir, "link.db");
    // The file first made through the link, then a restart through it.
    await symlink(real, link);
    for (const name of ["Through the link", "And again"]) {
      const sandbox = await startSandbox({ dataFile: link });
      try {
        expect((await json(sandbox.url, "POST", "/v1/organizations", KEYS.owner, { name })).status).toBe(200);
      } finally {
        await sandbox.close();
      }
    }
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    const direct = await startSandbox({ dataFile: real });
    try {
      const names = [...(await organizations(direct.url, KEYS.owner)).values()];
      expect(names).toEqual(expect.arrayContaining(["Through the link", "And again"]));
    } finally {
      await direct.close();
    }
  });
});
