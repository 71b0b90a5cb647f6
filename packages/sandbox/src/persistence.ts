// `--data FILE`: the state in a SQLite database (`node:sqlite`), a table per kind of record. Memory
// stays the working copy; every change the store makes is also written to its rows here. The
// changes made in one turn of the event loop are committed together, in one transaction
// (WAL, synchronous=FULL: durable when COMMIT returns), and only then are their requests answered;
// a commit that fails is rolled back, its changes are undone in memory (newest first) and their
// requests fail. `locking_mode=EXCLUSIVE` holds the file's lock from the open on, so a second
// sandbox on the same file cannot open it. Checkpoints run apart from commits (never inside one),
// so a checkpoint that fails cannot make a durable commit look failed.
import { mkdirSync, realpathSync, statSync } from "node:fs";
import { dirname } from "node:path";
import type { DatabaseSync, StatementSync } from "node:sqlite";
import type { State } from "./state.js";
import type { Store } from "./store.js";
import type { Change, Undo } from "./tables.js";

/** "orga": marks a database as a sandbox data file. */
const APPLICATION_ID = 0x6f726761;
const FORMAT_VERSION = 1;
/**
 * How long an open waits for the file's lock. Two sandboxes that open the same file at the same
 * instant both hold a lock for a moment; the wait lets one of them win instead of both failing.
 */
const LOCK_WAIT_MS = 250;
/** Copy the write-ahead log into the database once it holds this much. */
const CHECKPOINT_AFTER_BYTES = 4 * 1024 * 1024;

const SCHEMA = `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
  CREATE TABLE users (position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, row TEXT NOT NULL) STRICT;
  CREATE TABLE organizations (position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, row TEXT NOT NULL) STRICT;
  CREATE TABLE enterprise_invitations (position INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, row TEXT NOT NULL) STRICT;
  CREATE TABLE audit (seq INTEGER PRIMARY KEY, row TEXT NOT NULL) STRICT;
  PRAGMA application_id = ${APPLICATION_ID};
  PRAGMA user_version = ${FORMAT_VERSION};
`;

/** SQLite's primary result codes that open() explains. */
const SQLITE_BUSY = 5;
const SQLITE_NOTADB = 26;

export class DataFileError extends Error {}

const errcode = (error: unknown) => (error as { errcode?: number }).errcode ?? -1;

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

/** The statements that write each kind of change; rows are JSON, keyed and ordered as memory keeps them. */
function writers(db: DatabaseSync) {
  const s = (sql: string): StatementSync => db.prepare(sql);
  const deleteUser = s("DELETE FROM users WHERE id = ?");
  const insertUser = s("INSERT INTO users (id, row) VALUES (?, ?)");
  const deleteOrg = s("DELETE FROM organizations WHERE id = ?");
  // An organization keeps its place (creation order) when it changes.
  const upsertOrg = s(
    "INSERT INTO organizations (id, row) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET row = excluded.row",
  );
  const deleteInvitation = s("DELETE FROM enterprise_invitations WHERE email = ?");
  const insertInvitation = s("INSERT INTO enterprise_invitations (email, row) VALUES (?, ?)");
  const insertAudit = s("INSERT INTO audit (seq, row) VALUES (?, ?)");
  const setMeta = s("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)");
  return {
    setMeta: (key: string, value: unknown) => setMeta.run(key, JSON.stringify(value)),
    write(change: Change): void {
      switch (change.t) {
        // A changed user or invitation goes to the end, as in memory (a Map: delete, then set).
        case "user":
          deleteUser.run(change.id);
          if (change.v) insertUser.run(change.id, JSON.stringify(change.v));
          return;
        case "einv":
          deleteInvitation.run(change.id);
          if (change.v) insertInvitation.run(change.id, JSON.stringify(change.v));
          return;
        case "org":
          if (change.v) upsertOrg.run(change.id, JSON.stringify(change.v));
          else deleteOrg.run(change.id);
          return;
        case "audit":
          insertAudit.run(change.v.seq, JSON.stringify(change.v));
          return;
        case "nextId":
          setMeta.run("nextId", JSON.stringify(change.v));
          return;
      }
    },
  };
}

function readState(db: DatabaseSync): State {
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
  return {
    version: 1,
    nextId: meta.get("nextId") as number,
    users: rows("users", "position"),
    organizations: rows("organizations", "position"),
    enterpriseInvitations: rows("enterprise_invitations", "position"),
    audit: rows("audit", "seq"),
    cycles: meta.get("cycles") as State["cycles"],
    sessions: meta.get("sessions") as State["sessions"],
  };
}

/**
 * Opens FILE and takes its lock, which it then keeps (locking_mode=EXCLUSIVE), inside a transaction
 * that has written nothing yet; says why when it cannot.
 */
function openLocked(file: string, path: string): DatabaseSync {
  // Loaded here, not imported: an older Node then reaches the one-line floor check (node-floor.ts).
  const sqlite = process.getBuiltinModule("node:sqlite");
  const db = new sqlite.DatabaseSync(path, { timeout: LOCK_WAIT_MS });
  try {
    db.exec("PRAGMA locking_mode = EXCLUSIVE");
    // The first access: reads the header of whatever FILE is, and takes the lock before it reads.
    db.exec("BEGIN EXCLUSIVE");
    return db;
  } catch (error) {
    db.close();
    if (errcode(error) === SQLITE_BUSY) {
      throw new DataFileError(
        `${file} is in use by another sandbox: stop it or give this one another --data file`,
      );
    }
    if (errcode(error) === SQLITE_NOTADB) throw notADataFile(file);
    throw error;
  }
}

/** WAL with synchronous=FULL: a commit is durable when COMMIT returns, at one fsync. */
function makeDurable(file: string, db: DatabaseSync): void {
  const mode = db.prepare("PRAGMA journal_mode = WAL").get()?.journal_mode;
  if (mode !== "wal") throw new Error(`${file}: SQLite kept journal_mode ${String(mode)}, not wal`);
  db.exec("PRAGMA synchronous = FULL");
  db.exec("PRAGMA wal_autocheckpoint = 0");
}

const notADataFile = (file: string) =>
  new DataFileError(
    `${file} is not a sandbox data file (a SQLite database); it was left as it is. ` +
      "Earlier releases kept --data as JSON, which is not read: name a new file.",
  );

export class DataFile {
  private batch: Array<{ change: Change; undo: Undo }> = [];
  private waiters: Array<{ resolve(): void; reject(error: unknown): void }> = [];
  private scheduled = false;
  private checkpointFailing = false;
  private closed = false;

  private constructor(
    readonly file: string,
    /** The connection (tests read its settings and inject failures through it). */
    readonly database: DatabaseSync,
    readonly store: Store,
    private readonly write: ReturnType<typeof writers>,
    private readonly wal: string,
  ) {}

  /**
   * Opens FILE (created when missing): takes its lock, then builds the store through `load` from
   * the saved state, or from `load(undefined)` for a new file, whose rows are written at once.
   */
  static async open(file: string, load: (saved: State | undefined) => Store): Promise<DataFile> {
    const path = realFile(file);
    const db = openLocked(file, path);
    try {
      // Nothing is written before FILE is known to be a sandbox database (or new and empty).
      const id = db.prepare("PRAGMA application_id").get()?.application_id;
      const version = db.prepare("PRAGMA user_version").get()?.user_version;
      const tables = db.prepare("SELECT count(*) AS n FROM sqlite_schema").get()?.n;
      const fresh = id === 0 && version === 0 && tables === 0;
      if (!fresh && (id !== APPLICATION_ID || version !== FORMAT_VERSION)) throw notADataFile(file);
      const saved = fresh ? undefined : readState(db);
      db.exec("COMMIT");
      makeDurable(file, db);
      const store = load(saved);
      if (fresh) {
        db.exec("BEGIN");
        db.exec(SCHEMA);
      }
      const write = writers(db);
      if (fresh) {
        const c = store.tables.capture();
        write.setMeta("nextId", c.nextId);
        write.setMeta("cycles", c.cycles);
        write.setMeta("sessions", c.sessions);
        for (const v of c.users) write.write({ t: "user", id: v.id, v });
        for (const v of c.organizations) write.write({ t: "org", id: v.id, v });
        for (const [id, v] of store.tables.enterpriseInvitations) write.write({ t: "einv", id, v });
        for (const v of c.audit) write.write({ t: "audit", v });
        db.exec("COMMIT");
      }
      const data = new DataFile(file, db, store, write, `${path}-wal`);
      store.sink = (change, undo) => {
        data.batch.push({ change, undo });
        data.schedule();
      };
      return data;
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /**
   * Resolves once every change made before this call is durable; rejects if they were undone.
   * Call it in the same turn as the changes (or the reads) it is to cover.
   */
  persist(): Promise<void> {
    if (this.batch.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ resolve, reject });
    });
  }

  /** Commits once the current turn is over, so every change of the turn shares one fsync. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.commit());
  }

  private commit(): void {
    this.scheduled = false;
    const { batch, waiters } = this;
    this.batch = [];
    this.waiters = [];
    if (batch.length === 0) return;
    try {
      if (this.closed) throw new Error(`${this.file} is closed`);
      this.database.exec("BEGIN");
      for (const { change } of batch) this.write.write(change);
      this.database.exec("COMMIT");
    } catch (error) {
      if (!this.closed && this.database.isTransaction) {
        try {
          this.database.exec("ROLLBACK");
        } catch {
          // A failed rollback leaves nothing committed either; the next commit reports the state.
        }
      }
      // Newest first, so every row goes back to what it was before the batch.
      for (const { undo } of batch.reverse()) undo();
      for (const w of waiters) w.reject(error);
      return;
    }
    for (const w of waiters) w.resolve();
    this.checkpointIfDue();
  }

  /** Copies the log into the database when it has grown; a failure costs disk space, never a change. */
  private checkpointIfDue(): void {
    let size: number;
    try {
      size = statSync(this.wal).size;
    } catch {
      return;
    }
    if (size < CHECKPOINT_AFTER_BYTES) return;
    try {
      this.database.exec("PRAGMA wal_checkpoint(TRUNCATE)");
      this.checkpointFailing = false;
    } catch (error) {
      if (!this.checkpointFailing) console.error(`sandbox: could not checkpoint ${this.file}:`, error);
      this.checkpointFailing = true;
    }
  }

  /** Commits what is pending, then closes the database (SQLite checkpoints it) and frees its lock. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.commit();
    this.closed = true;
    this.database.close();
  }
}
