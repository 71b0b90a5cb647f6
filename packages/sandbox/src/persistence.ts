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
import type { Reply, Request, Rows, Written } from "./sqlite-file.js";
import type { State } from "./state.js";
import type { Store } from "./store.js";
import { type Capture, type Change, normalise, type Undo } from "./tables.js";

/** A start refused for a reason the message gives in full (the file is in use, or not ours). */
export class DataFileError extends Error {}

interface Batch {
  changes: Array<{ change: Change; undo: Undo }>;
  waiters: Array<{ resolve(): void; reject(error: unknown): void }>;
}

const emptyBatch = (): Batch => ({ changes: [], waiters: [] });

/** The state's rows, each enterprise invitation under its key. */
const rows = (capture: Capture): Rows => ({
  capture,
  invitations: capture.enterpriseInvitations.map((i) => [normalise(i.email), i]),
});

const written = (change: Change): Written =>
  change.t === "reset" ? { t: "reset", ...rows(change.v) } : change;

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
        await data.request({ t: "init", ...rows(store.tables.capture()) });
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
    this.next.changes.push({ change, undo });
    if (this.scheduled || this.committing) return;
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
    const batch = this.next.changes.length > 0 ? this.next : this.committing;
    if (!batch) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      batch.waiters.push({ resolve, reject });
    });
  }

  /** Sends the pending changes as one transaction; the next batch starts once it is done. */
  private commit(): void {
    if (this.committing || this.next.changes.length === 0) return;
    const batch = this.next;
    this.committing = batch;
    this.next = emptyBatch();
    this.request({ t: "commit", changes: batch.changes.map((c) => written(c.change)) }).then(
      () => {
        this.committing = undefined;
        for (const w of batch.waiters) w.resolve();
        this.commit();
      },
      (error: unknown) => {
        // Newest first: the changes made since build on the failed ones, so they go too.
        const later = this.next;
        this.next = emptyBatch();
        this.committing = undefined;
        for (const { undo } of [...later.changes].reverse()) undo();
        for (const { undo } of [...batch.changes].reverse()) undo();
        for (const w of [...batch.waiters, ...later.waiters]) w.reject(error);
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
