// `--data FILE`: FILE holds a snapshot of the whole state; every acknowledged change since then is
// a line in a journal segment (`FILE.journal.<first seq>`), appended and fsynced before the answer.
// Changes that arrive while a line is being written share the next line (group commit). When the
// journal outgrows a threshold, a new segment starts and the state as of the last line of the old
// one is written to a new snapshot in the background (temp file, fsync, rename); only then do the
// old segments go. Recovery: the snapshot, then every journal line after its `seq`; a torn last line
// (a crash mid-append) was never acknowledged and is dropped. A failed append undoes, in memory,
// every change not yet on disk, and their requests fail: memory never holds what the disk lacks.
import { type FileHandle, mkdir, open, readdir, readFile, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { isAlive, lockDataFile } from "./data-lock.js";
import type { State } from "./state.js";
import type { Store } from "./store.js";
import type { Capture, Change, Undo } from "./tables.js";

/** A snapshot on disk: the state plus the last journal line it includes. */
interface Snapshot extends State {
  seq?: number;
}

interface JournalLine {
  s: number;
  c: Change[];
}

export interface DataFileOptions {
  /**
   * Start a new snapshot once the journal holds this many bytes. Default: 4 MiB or the last
   * snapshot's size, whichever is larger, so compaction costs a bounded share of the writes.
   */
  compactAfterBytes?: number;
}

const DEFAULT_COMPACT_AFTER = 4 * 1024 * 1024;
/** Tests and benchmarks set this to make compaction frequent. */
const COMPACT_AFTER_ENV = "ORGADMIN_SANDBOX_COMPACT_AFTER_BYTES";

function compactAfter(options: DataFileOptions): number | undefined {
  if (options.compactAfterBytes !== undefined) return options.compactAfterBytes;
  const fromEnv = process.env[COMPACT_AFTER_ENV];
  if (fromEnv === undefined) return undefined;
  const bytes = Number(fromEnv);
  if (!Number.isInteger(bytes) || bytes < 0)
    throw new Error(`${COMPACT_AFTER_ENV} must be a byte count, not ${fromEnv}`);
  return bytes;
}

export async function readSnapshot(file: string): Promise<Snapshot | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const state = JSON.parse(text) as Snapshot;
  if (state.version !== 1) throw new Error(`${file}: unknown state version ${String(state.version)}`);
  return state;
}

const tempName = (file: string, pid: number, attempt: number) => `.${basename(file)}.${pid}.${attempt}.tmp`;
const segmentName = (file: string, firstSeq: number) => `${basename(file)}.journal.${firstSeq}`;

/**
 * Removes the temp files of FILE's writers that are gone. Another live process's temp file is its
 * own; one named for this process's pid is a predecessor's (a restarted container reuses pids),
 * since this writer has written nothing yet.
 */
export async function removeStaleTemps(file: string): Promise<string[]> {
  const prefix = `.${basename(file)}.`;
  const removed: string[] = [];
  for (const name of await readdir(dirname(file))) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(/^(\d+)\.\d+\.tmp$/.exec(name.slice(prefix.length))?.[1] ?? Number.NaN);
    if (Number.isNaN(pid) || (pid !== process.pid && isAlive(pid))) continue;
    await unlink(join(dirname(file), name)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
    removed.push(name);
  }
  return removed;
}

/** The journal segments of FILE, oldest first. */
async function segments(file: string): Promise<Array<{ path: string; firstSeq: number }>> {
  const prefix = `${basename(file)}.journal.`;
  return (await readdir(dirname(file)))
    .filter((n) => n.startsWith(prefix) && /^\d+$/.test(n.slice(prefix.length)))
    .map((n) => ({ path: join(dirname(file), n), firstSeq: Number(n.slice(prefix.length)) }))
    .sort((a, b) => a.firstSeq - b.firstSeq);
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Yields to the event loop, so serialising a large snapshot never stalls requests for long. */
const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Writes a snapshot to a temp file, fsyncs it and renames it over FILE, a chunk of rows at a time. */
async function writeSnapshot(file: string, capture: Capture, seq: number, attempt: number): Promise<void> {
  const dir = dirname(file);
  const temp = join(dir, tempName(file, process.pid, attempt));
  const handle = await open(temp, "w", 0o600);
  try {
    const head = {
      version: 1,
      seq,
      nextId: capture.nextId,
      cycles: capture.cycles,
      sessions: capture.sessions,
      enterpriseInvitations: capture.enterpriseInvitations,
    };
    await handle.write(JSON.stringify(head).slice(0, -1));
    for (const [key, rows] of [
      ["users", capture.users],
      ["organizations", capture.organizations],
      ["audit", capture.audit],
    ] as const) {
      await handle.write(`,${JSON.stringify(key)}:[`);
      for (let i = 0; i < rows.length; i += 2000) {
        const chunk = rows
          .slice(i, i + 2000)
          .map((r) => JSON.stringify(r))
          .join(",");
        await handle.write(i === 0 ? chunk : `,${chunk}`);
        await yieldToRequests();
      }
      await handle.write("]");
    }
    await handle.write("}");
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temp).catch(() => {});
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
  // The rename itself must survive a crash: sync the directory entry too.
  await syncDir(dir);
}

/** Journal lines after `afterSeq`, in order; a torn last line of the newest segment is dropped. */
async function readJournal(file: string, afterSeq: number): Promise<JournalLine[]> {
  const all = await segments(file);
  const lines: JournalLine[] = [];
  for (const [index, segment] of all.entries()) {
    const text = await readFile(segment.path, "utf8");
    const parts = text.split("\n");
    // The text after the last newline is a line whose append never finished.
    const tail = parts.pop() ?? "";
    const newest = index === all.length - 1;
    if (tail !== "" && !newest)
      throw new Error(`${segment.path}: a line is cut short before the newest segment`);
    for (const [i, raw] of parts.entries()) {
      let line: JournalLine;
      try {
        line = JSON.parse(raw) as JournalLine;
      } catch {
        // Only the very last line may be damaged (a crash mid-append); anywhere else it is corruption.
        if (newest && i === parts.length - 1 && tail === "") break;
        throw new Error(`${segment.path}: line ${i + 1} is not a journal record`);
      }
      if (line.s <= afterSeq) continue;
      const expected = (lines.at(-1)?.s ?? afterSeq) + 1;
      if (line.s !== expected)
        throw new Error(`${segment.path}: record ${line.s} found where ${expected} belongs`);
      lines.push(line);
    }
  }
  return lines;
}

interface Waiter {
  /** Durable once every change up to this count is on disk. */
  target: number;
  resolve(): void;
  reject(error: unknown): void;
}

export class DataFile {
  private handle: FileHandle | undefined;
  private segmentBytes = 0;
  /** Last journal line written. */
  private seq = 0;
  private snapshotBytes = 0;
  private pending: Array<{ change: Change; undo: Undo }> = [];
  /** Undo steps of the line being written. */
  private writing: Array<{ change: Change; undo: Undo }> = [];
  private changeCount = 0;
  private durableCount = 0;
  private waiters: Waiter[] = [];
  private draining = false;
  /** The current (or last) run of the append loop. */
  private drained: Promise<void> = Promise.resolve();
  private compaction: Promise<void> | undefined;
  private attempt = 0;
  private closed = false;

  private constructor(
    readonly file: string,
    readonly store: Store,
    private readonly lock: { release(): Promise<void> },
    private readonly compactAfter: number | undefined,
  ) {}

  /**
   * Opens FILE for `store`: takes the lock, loads snapshot + journal (through `load`, which builds the
   * store from the recovered snapshot), writes a fresh snapshot, and journals every later change.
   */
  static async open(
    file: string,
    load: (snapshot: State | undefined) => Store,
    options: DataFileOptions = {},
  ): Promise<DataFile> {
    await mkdir(dirname(file), { recursive: true });
    const lock = await lockDataFile(file);
    try {
      await removeStaleTemps(file);
      const snapshot = await readSnapshot(file);
      const afterSeq = snapshot?.seq ?? 0;
      const lines = await readJournal(file, afterSeq);
      const store = load(snapshot);
      for (const line of lines) for (const change of line.c) store.tables.apply(change);
      const data = new DataFile(file, store, lock, compactAfter(options));
      data.seq = lines.at(-1)?.s ?? afterSeq;
      // Start from one snapshot and an empty journal: FILE exists (and is whole) before any request.
      await data.compactNow(store.tables.capture(), data.seq, "all");
      await data.startSegment(data.seq + 1);
      store.sink = (change, undo) => {
        data.pending.push({ change, undo });
        data.changeCount += 1;
      };
      return data;
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  /**
   * Resolves once every change made before this call is on disk; rejects if they were undone.
   * Call it in the same tick as the changes it is to cover.
   */
  persist(): Promise<void> {
    const target = this.changeCount;
    if (target <= this.durableCount) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ target, resolve, reject });
      this.drain();
    });
  }

  /** Appends lines until nothing is pending; the flag is cleared in the same step as the last check. */
  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    this.drained = (async () => {
      try {
        while (this.pending.length > 0) await this.appendLine();
      } finally {
        this.draining = false;
      }
    })();
  }

  private async startSegment(firstSeq: number): Promise<void> {
    const previous = this.handle;
    this.handle = await open(join(dirname(this.file), segmentName(this.file, firstSeq)), "a", 0o600);
    this.segmentBytes = 0;
    await syncDir(dirname(this.file));
    await previous?.close();
  }

  /** Appends one line with every pending change; on failure, undoes everything not on disk. */
  private async appendLine(): Promise<void> {
    this.writing = this.pending;
    this.pending = [];
    const covered = this.changeCount;
    const seq = this.seq + 1;
    const text = `${JSON.stringify({ s: seq, c: this.writing.map((w) => w.change) } satisfies JournalLine)}\n`;
    const compactDue =
      !this.compaction &&
      this.segmentBytes + text.length >
        (this.compactAfter ?? Math.max(DEFAULT_COMPACT_AFTER, this.snapshotBytes));
    // Rows are immutable: captured now, they are the state as of this line, however long writing takes.
    const capture = compactDue ? this.store.tables.capture() : undefined;
    try {
      const handle = this.handle;
      if (!handle) throw new Error(`${this.file}: the journal is closed`);
      const before = this.segmentBytes;
      try {
        await handle.write(text);
        await handle.datasync();
        // Appending to a file someone deleted (or whose directory went) succeeds and keeps nothing.
        if ((await handle.stat()).nlink === 0) throw new Error(`${this.file}: the journal was deleted`);
      } catch (error) {
        // A partial line would hide every later one: cut it off before the next append.
        await handle.truncate(before).catch(() => {});
        throw error;
      }
      this.segmentBytes += Buffer.byteLength(text);
      this.seq = seq;
      this.durableCount = covered;
      this.writing = [];
      this.settle((w) => w.target <= covered);
    } catch (error) {
      // Newest first, so every row goes back to what it was before the first change not on disk.
      for (const { undo } of [...this.pending.reverse(), ...this.writing.reverse()]) undo();
      this.pending = [];
      this.writing = [];
      this.durableCount = this.changeCount;
      this.settle(() => true, error);
      return;
    }
    if (!capture) return;
    // The line is on disk: from here on a failure costs only disk space, never a change.
    try {
      // Before the next append, so no line goes to a segment the compaction is about to drop.
      await this.startSegment(seq + 1);
    } catch (error) {
      console.error(`sandbox: could not start a new journal segment for ${this.file}:`, error);
      return;
    }
    this.compaction = this.compactNow(capture, seq, "covered")
      .catch((error: unknown) => console.error(`sandbox: compaction of ${this.file} failed:`, error))
      .finally(() => {
        this.compaction = undefined;
      });
  }

  private settle(which: (w: Waiter) => boolean, error?: unknown): void {
    const done = this.waiters.filter(which);
    this.waiters = this.waiters.filter((w) => !which(w));
    for (const w of done) error === undefined ? w.resolve() : w.reject(error);
  }

  /**
   * Writes the captured state as the snapshot for `seq`, then drops the segments it covers, or all
   * of them when no segment is open (at start, whatever follows a torn line; at close, an empty one).
   */
  private async compactNow(capture: Capture, seq: number, drop: "covered" | "all"): Promise<void> {
    this.attempt += 1;
    await writeSnapshot(this.file, capture, seq, this.attempt);
    for (const segment of await segments(this.file)) {
      if (drop === "all" || segment.firstSeq <= seq) await unlink(segment.path);
    }
    await syncDir(dirname(this.file));
    this.snapshotBytes = (await stat(this.file)).size;
  }

  /** Waits for pending writes, leaves FILE as one snapshot with no journal, and frees the lock. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.persist().catch(() => {});
    await this.drained;
    await this.compaction;
    try {
      await this.handle?.close();
      this.handle = undefined;
      await this.compactNow(this.store.tables.capture(), this.seq, "all");
    } catch (error) {
      // Harmless for what was acknowledged: snapshot + journal still hold it for the next start.
      console.error(`sandbox: could not compact ${this.file} on close:`, error);
    } finally {
      await this.lock.release();
    }
  }
}
