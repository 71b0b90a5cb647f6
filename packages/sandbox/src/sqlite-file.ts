// The `--data` database's own thread: it opens FILE (taking SQLite's exclusive lock, which it keeps),
// reads the saved state, and commits each batch of changes it is sent, one transaction each (WAL,
// synchronous=FULL: durable when COMMIT returns). A commit blocks only this thread, so the server
// goes on reading and handling requests while the disk syncs. Only type imports besides Node's own
// modules: Node runs this file as it is (type stripping) when the sources run under the tests.
import { mkdirSync, realpathSync } from "node:fs";
import { dirname } from "node:path";
import type { DatabaseSync, StatementSync } from "node:sqlite";
import { parentPort, workerData } from "node:worker_threads";
import type { Capture } from "./tables.js";

/**
 * Changes as they are written: three items each, kind, key and row, the row already JSON (a list of
 * strings crosses to this thread as copies of their text; objects would be copied field by field).
 * Kinds: a table ("user", "org", "einv" keyed by id, "audit" by seq), the row null to delete it;
 * "meta" (nextId, cycles, sessions); "clear", which empties every table before a reset's rows.
 */
export type Ops = Array<string | number | null>;

/** What the main thread sends. */
export type Request =
  | { t: "init"; id: number; ops: Ops }
  | { t: "commit"; id: number; ops: Ops }
  | { t: "query"; id: number; sql: string }
  | { t: "close"; id: number };

/** What this thread answers: first `opened` (or `failed` without an id), then one per request. */
export type Reply =
  | { t: "opened"; saved: Capture | undefined }
  | { t: "done"; id: number; rows?: unknown[] }
  | { t: "failed"; id?: number; error: { message: string; errcode?: number; kind?: "in use" | "not ours" } };

/** "orga": marks a database as a sandbox data file. */
const APPLICATION_ID = 0x6f726761;
const FORMAT_VERSION = 1;
/**
 * How long an open waits for the file's lock. Two sandboxes that open the same file at the same
 * instant both hold a lock for a moment; the wait lets one of them win instead of both failing.
 */
const LOCK_WAIT_MS = 250;
/**
 * Copy the write-ahead log into the database every so many commits. The log is then written again
 * from its start, in place: a commit that does not grow the file syncs faster (~20 % here). Often
 * enough that a new file soon reaches that state: until the log first restarts, every commit grows it
 * (at 256, each of a new file's first 256 commits took a third longer than at 64).
 */
const CHECKPOINT_EVERY = 64;
/** The log file is cut back to this size when it restarts (after a large commit, such as a reset). */
const LOG_SIZE_LIMIT = 8 * 1024 * 1024;
const SQLITE_BUSY = 5;
const SQLITE_NOTADB = 26;

const SCHEMA = `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
  CREATE TABLE users (position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, row TEXT NOT NULL) STRICT;
  CREATE TABLE organizations (position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, row TEXT NOT NULL) STRICT;
  CREATE TABLE enterprise_invitations (position INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, row TEXT NOT NULL) STRICT;
  CREATE TABLE audit (seq INTEGER PRIMARY KEY, row TEXT NOT NULL) STRICT;
  PRAGMA application_id = ${APPLICATION_ID};
  PRAGMA user_version = ${FORMAT_VERSION};
`;

class Refused extends Error {
  // A plain field, not a parameter property: type stripping keeps no generated code.
  readonly kind: "in use" | "not ours";
  constructor(message: string, kind: "in use" | "not ours") {
    super(message);
    this.kind = kind;
  }
}

const errcode = (error: unknown) => (error as { errcode?: number }).errcode;

/** FILE itself, or the file a symlink at FILE points to, so the real file gets the writes. */
function realFile(file: string): string {
  try {
    return realpathSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    mkdirSync(dirname(file), { recursive: true });
    return file;
  }
}

/**
 * Opens FILE and takes its lock, which it then keeps (locking_mode=EXCLUSIVE), inside a transaction
 * that has written nothing yet.
 */
function openLocked(file: string, path: string): DatabaseSync {
  const sqlite = process.getBuiltinModule("node:sqlite");
  const db = new sqlite.DatabaseSync(path, { timeout: LOCK_WAIT_MS });
  try {
    db.exec("PRAGMA locking_mode = EXCLUSIVE");
    // The first access: takes the lock, then reads the header of whatever FILE is.
    db.exec("BEGIN EXCLUSIVE");
    return db;
  } catch (error) {
    db.close();
    if (errcode(error) === SQLITE_BUSY) {
      throw new Refused(
        `${file} is in use by another sandbox: stop it or give this one another --data file`,
        "in use",
      );
    }
    if (errcode(error) === SQLITE_NOTADB) throw notOurs(file);
    throw error;
  }
}

const notOurs = (file: string) =>
  new Refused(
    `${file} is not a sandbox data file (a SQLite database); it was left as it is. ` +
      "Earlier releases kept --data as JSON, which is not read: name a new file.",
    "not ours",
  );

/** Writes ops (see Ops); rows are JSON, keyed and ordered as memory keeps them. */
function writer(db: DatabaseSync): (ops: Ops) => boolean {
  const s = (sql: string): StatementSync => db.prepare(sql);
  // Each kind's statement that puts a row, and the one that deletes it.
  const tables: Record<string, [put: StatementSync, remove?: StatementSync]> = {
    // A changed user or invitation goes to the end, as in memory (a Map: delete, then set): REPLACE
    // deletes the old row, and the new one takes the next position.
    user: [s("INSERT OR REPLACE INTO users (id, row) VALUES (?, ?)"), s("DELETE FROM users WHERE id = ?")],
    einv: [
      s("INSERT OR REPLACE INTO enterprise_invitations (email, row) VALUES (?, ?)"),
      s("DELETE FROM enterprise_invitations WHERE email = ?"),
    ],
    // An organization keeps its place (creation order) when it changes.
    org: [
      s(
        "INSERT INTO organizations (id, row) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET row = excluded.row",
      ),
      s("DELETE FROM organizations WHERE id = ?"),
    ],
    audit: [s("INSERT INTO audit (seq, row) VALUES (?, ?)")],
    meta: [s("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)")],
  };
  /** Returns whether the ops emptied the tables (a reset). */
  return (ops) => {
    let cleared = false;
    for (let i = 0; i < ops.length; i += 3) {
      const kind = ops[i] as string;
      if (kind === "clear") {
        db.exec(
          "DELETE FROM users; DELETE FROM organizations; DELETE FROM enterprise_invitations; DELETE FROM audit",
        );
        cleared = true;
        continue;
      }
      const statements = tables[kind];
      if (!statements) throw new Error(`unknown change ${kind}`);
      const [key, row] = [ops[i + 1] as string | number, ops[i + 2] as string | null];
      if (row !== null) statements[0].run(key, row);
      else statements[1]?.run(key);
    }
    return cleared;
  };
}

function readState(db: DatabaseSync): Capture {
  const rows = <T>(table: string, order: string): T[] =>
    db
      .prepare(`SELECT row FROM ${table} ORDER BY ${order}`)
      .all()
      .map((r) => JSON.parse(r.row as string) as T);
  const meta = new Map(
    db
      .prepare("SELECT key, value FROM meta")
      .all()
      .map((r) => [r.key as string, JSON.parse(r.value as string) as unknown]),
  );
  const audit = rows<Capture["audit"][number]>("audit", "seq");
  return {
    // A commit whose last change is an audit entry leaves the meta row alone: the entry's seq is the
    // id it took, so the later of the two is the counter.
    nextId: Math.max(meta.get("nextId") as number, audit.at(-1)?.seq ?? 0),
    users: rows("users", "position"),
    organizations: rows("organizations", "position"),
    enterpriseInvitations: rows("enterprise_invitations", "position"),
    audit,
    cycles: meta.get("cycles") as Capture["cycles"],
    sessions: meta.get("sessions") as Capture["sessions"],
  };
}

/** Opens FILE; nothing is written before it is known to be a sandbox database (or new and empty). */
function open(file: string): { db: DatabaseSync; saved: Capture | undefined } {
  const path = realFile(file);
  const db = openLocked(file, path);
  try {
    const id = db.prepare("PRAGMA application_id").get()?.application_id;
    const version = db.prepare("PRAGMA user_version").get()?.user_version;
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_schema").get()?.n;
    const fresh = id === 0 && version === 0 && tables === 0;
    if (!fresh && (id !== APPLICATION_ID || version !== FORMAT_VERSION)) throw notOurs(file);
    const saved = fresh ? undefined : readState(db);
    db.exec("COMMIT");
    const mode = db.prepare("PRAGMA journal_mode = WAL").get()?.journal_mode;
    if (mode !== "wal") throw new Error(`${file}: SQLite kept journal_mode ${String(mode)}, not wal`);
    db.exec("PRAGMA synchronous = FULL");
    // Checkpoints run apart from commits: one that fails inside a COMMIT would fail a durable commit.
    db.exec("PRAGMA wal_autocheckpoint = 0");
    db.exec(`PRAGMA journal_size_limit = ${LOG_SIZE_LIMIT}`);
    return { db, saved };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Runs `body` in one transaction; rolls it back if anything fails. */
function transaction(db: DatabaseSync, body: () => void): void {
  db.exec("BEGIN");
  try {
    body();
    db.exec("COMMIT");
  } catch (error) {
    if (db.isTransaction) {
      try {
        db.exec("ROLLBACK");
      } catch {
        // Nothing was committed either way; the next commit reports the state of the file.
      }
    }
    throw error;
  }
}

function serve(file: string): void {
  const port = parentPort;
  if (!port) throw new Error("sqlite-file.ts runs as a worker thread");
  const reply = (message: Reply) => port.postMessage(message);
  const failure = (error: unknown) => ({
    message: (error as Error).message,
    errcode: errcode(error),
    kind: error instanceof Refused ? error.kind : undefined,
  });
  let opened: ReturnType<typeof open>;
  try {
    opened = open(file);
  } catch (error) {
    reply({ t: "failed", error: failure(error) });
    return;
  }
  const { db } = opened;
  // A new file gets its tables with its first rows (init), in one transaction.
  let write = opened.saved ? writer(db) : undefined;
  let commits = 0;
  let checkpointFailing = false;
  /** Copies the log into the database; a failure costs disk space, never a change. */
  const checkpoint = () => {
    commits = 0;
    try {
      db.exec("PRAGMA wal_checkpoint(PASSIVE)");
      checkpointFailing = false;
    } catch (error) {
      if (!checkpointFailing)
        console.error(`sandbox: could not checkpoint ${file}: ${(error as Error).message}`);
      checkpointFailing = true;
    }
  };
  port.on("message", (request: Request) => {
    try {
      switch (request.t) {
        case "init": {
          let w: ReturnType<typeof writer> | undefined;
          transaction(db, () => {
            db.exec(SCHEMA);
            w = writer(db);
            w(request.ops);
          });
          write = w;
          reply({ t: "done", id: request.id });
          checkpoint();
          return;
        }
        case "commit": {
          let reset = false;
          transaction(db, () => {
            if (!write) throw new Error(`${file} has no tables yet`);
            reset = write(request.ops);
          });
          reply({ t: "done", id: request.id });
          // A reset may have written the whole state: copy it now, so the log restarts small.
          if (++commits >= CHECKPOINT_EVERY || reset) checkpoint();
          return;
        }
        case "query":
          reply({ t: "done", id: request.id, rows: db.prepare(request.sql).all() });
          return;
        case "close":
          // SQLite checkpoints on close and frees the lock.
          db.close();
          reply({ t: "done", id: request.id });
          port.close();
          return;
      }
    } catch (error) {
      reply({ t: "failed", id: request.id, error: failure(error) });
    }
  });
  reply({ t: "opened", saved: opened.saved });
}

serve(workerData as string);
