// `--data FILE`: the state in a SQLite database (`node:sqlite`), a table per kind of record, kept
// by its own thread (sqlite-file.ts). Memory stays the working copy; every change the store makes
// is also sent to be written to its rows. Changes are committed in batches: those of one turn of the
// event loop together, and while a commit is under way, all that arrive meanwhile in the next one
// (group commit: one fsync per batch, and the server keeps handling requests during it). A request
// is answered once every change made before its answer was rendered is durable. A commit that fails
// is rolled back; its changes and every later one are undone in memory (newest first, since later
// changes may build on earlier ones) and their requests fail.
import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Ops, Reply, Request } from "./sqlite-file.js";
import type { State } from "./state.js";
import type { Store } from "./store.js";
import { type Capture, type Change, normalise, type Undo } from "./tables.js";

/** A start refused for a reason the message gives in full (the file is in use, or not ours). */
export class DataFileError extends Error {}

interface Batch {
  /** The changes as written (see Ops), but for nextId. */
  ops: Ops;
  /**
   * The last nextId: only that one is written, once per batch, not once per id handed out, and not
   * at all when the batch's last audit entry carries it (its seq is the id it took; see readState).
   */
  nextId: number | undefined;
  /** The seq of the batch's last audit entry, if any. */
  lastSeq: number | undefined;
  undos: Undo[];
  /** Settled when the batch is durable (or undone): every request it covers awaits the one promise. */
  done: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function emptyBatch(): Batch {
  let settle!: Pick<Batch, "resolve" | "reject">;
  const done = new Promise<void>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // A batch may fail with no request waiting for it: that is no unhandled rejection.
  done.catch(() => {});
  return { ops: [], nextId: undefined, lastSeq: undefined, undos: [], done, ...settle };
}

/** Every row of the state, as ops. */
function allOps(c: Capture, ops: Ops = []): Ops {
  ops.push("meta", "nextId", JSON.stringify(c.nextId));
  ops.push("meta", "cycles", JSON.stringify(c.cycles));
  ops.push("meta", "sessions", JSON.stringify(c.sessions));
  for (const v of c.users) ops.push("user", v.id, JSON.stringify(v));
  for (const v of c.organizations) ops.push("org", v.id, JSON.stringify(v));
  for (const v of c.enterpriseInvitations) ops.push("einv", normalise(v.email), JSON.stringify(v));
  for (const v of c.audit) ops.push("audit", v.seq, JSON.stringify(v));
  return ops;
}

/** Adds a change to the batch's ops. */
function encode(batch: Batch, change: Change): void {
  switch (change.t) {
    case "nextId":
      batch.nextId = change.v;
      return;
    case "audit":
      batch.lastSeq = change.v.seq;
      batch.ops.push("audit", change.v.seq, JSON.stringify(change.v));
      return;
    case "reset":
      // The reset's rows carry its nextId (and the audit entries before it are gone).
      batch.nextId = undefined;
      batch.lastSeq = undefined;
      batch.ops.push("clear", null, null);
      allOps(change.v, batch.ops);
      return;
    default:
      batch.ops.push(change.t, change.id, change.v && JSON.stringify(change.v));
  }
}

/** A request before it is numbered. */
type Unsent = { [K in Request["t"]]: Omit<Extract<Request, { t: K }>, "id"> }[Request["t"]];
type Done = Extract<Reply, { t: "done" }>;

/** The database thread's error, as an Error here. */
function asError(error: Extract<Reply, { t: "failed" }>["error"]): Error {
  return error.kind ? new DataFileError(error.message) : Object.assign(new Error(error.message), error);
}

export class DataFile {
  /** Changes not yet sent to be committed. */
  private next = emptyBatch();
  /** The batch being committed, if any. */
  private committing: Batch | undefined;
  private scheduled = false;
  private closed: Promise<void> | undefined;
  private requests = new Map<number, { resolve(reply: Done): void; reject(e: Error): void }>();
  private lastId = 0;
  private readonly exited: Promise<unknown>;

  private constructor(
    readonly file: string,
    private readonly worker: Worker,
    readonly store: Store,
  ) {
    this.exited = new Promise((resolve) => worker.once("exit", resolve));
    worker.on("message", (reply: Reply) => {
      if (reply.t === "opened" || reply.id === undefined) return;
      const request = this.requests.get(reply.id);
      this.requests.delete(reply.id);
      if (reply.t === "done") request?.resolve(reply);
      else request?.reject(asError(reply.error));
    });
    // The thread itself failed: nothing it was asked is done.
    worker.on("error", (error) => {
      for (const request of this.requests.values()) request.reject(error);
      this.requests.clear();
    });
  }

  /**
   * Opens FILE (created when missing) on its own thread, which takes its lock; then builds the
   * store through `load` from the saved state, or from `load(undefined)` for a new file, whose rows
   * are written at once.
   */
  static async open(file: string, load: (saved: State | undefined) => Store): Promise<DataFile> {
    // The sources run as they are under the tests (.ts), the build as .js.
    const here = fileURLToPath(import.meta.url);
    const worker = new Worker(new URL(`./sqlite-file${extname(here)}`, import.meta.url), {
      workerData: file,
    });
    const first = await new Promise<Reply>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    if (first.t !== "opened") {
      await worker.terminate();
      throw first.t === "failed" ? asError(first.error) : new Error(`${file}: unexpected ${first.t}`);
    }
    const saved = first.saved && { version: 1 as const, ...first.saved };
    let data: DataFile | undefined;
    try {
      const store = load(saved);
      data = new DataFile(file, worker, store);
      if (!saved) {
        await data.request({ t: "init", ops: allOps(store.tables.capture()) });
      }
      const opened = data;
      store.sink = (change, undo) => opened.add(change, undo);
      return opened;
    } catch (error) {
      if (data) await data.close();
      else await worker.terminate();
      throw error;
    }
  }

  private request(message: Unsent): Promise<Done> {
    const id = ++this.lastId;
    return new Promise((resolve, reject) => {
      this.requests.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, id });
    });
  }

  /** Rows the query returns, run on the database thread (tests read settings and inject failures). */
  async query(sql: string): Promise<Array<Record<string, unknown>>> {
    return ((await this.request({ t: "query", sql })).rows ?? []) as Array<Record<string, unknown>>;
  }

  private add(change: Change, undo: Undo): void {
    encode(this.next, change);
    this.next.undos.push(undo);
    this.schedule();
  }

  /**
   * Commits the pending changes after the requests of this turn of the event loop have been
   * handled, so they join the batch: one commit (and one fsync) for more writes.
   */
  private schedule(): void {
    if (this.scheduled || this.committing || this.next.undos.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.commit();
    });
  }

  /**
   * Resolves once every change made before this call is durable; rejects if they were undone.
   * Call it in the same turn as the changes (or the reads) it is to cover.
   */
  persist(): Promise<void> {
    const batch = this.next.undos.length > 0 ? this.next : this.committing;
    return batch ? batch.done : Promise.resolve();
  }

  /** Sends the pending changes as one transaction; the next batch starts once it is done. */
  private commit(): void {
    if (this.committing || this.next.undos.length === 0) return;
    const batch = this.next;
    this.committing = batch;
    this.next = emptyBatch();
    if (batch.nextId !== undefined && batch.nextId !== batch.lastSeq) {
      batch.ops.push("meta", "nextId", JSON.stringify(batch.nextId));
    }
    this.request({ t: "commit", ops: batch.ops }).then(
      () => {
        this.committing = undefined;
        batch.resolve();
        this.schedule();
      },
      (error: unknown) => {
        // Newest first: the changes made since build on the failed ones, so they go too.
        const later = this.next;
        this.next = emptyBatch();
        this.committing = undefined;
        for (const undo of [...later.undos].reverse()) undo();
        for (const undo of [...batch.undos].reverse()) undo();
        batch.reject(error);
        later.reject(error);
      },
    );
  }

  /** Commits what is pending, then closes the database (SQLite checkpoints it) and frees its lock. */
  close(): Promise<void> {
    this.closed ??= (async () => {
      this.commit();
      while (this.committing) await this.persist().catch(() => {});
      await this.request({ t: "close" });
      await this.exited;
    })();
    return this.closed;
  }
}
