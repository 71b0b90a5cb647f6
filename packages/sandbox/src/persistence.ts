// Durable snapshots for `--data FILE`: each snapshot goes to a temp file that is fsynced and then
// renamed over FILE, so FILE always holds one whole snapshot. Writes are group-committed: callers
// that arrive while a write is running share the next one, and each caller's promise settles only
// once a snapshot containing its change is on disk. A writer killed mid-write leaves its temp file
// behind; the next start removes it.
import { mkdir, open, readdir, readFile, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { State } from "./state.js";

export interface SnapshotWriter {
  /** Resolves when a snapshot taken after this call is durable. */
  persist(): Promise<void>;
}

export async function readSnapshot(file: string): Promise<State | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const state = JSON.parse(text) as State;
  if (state.version !== 1) throw new Error(`${file}: unknown state version ${String(state.version)}`);
  return state;
}

const tempName = (file: string, pid: number, attempt: number) => `.${basename(file)}.${pid}.${attempt}.tmp`;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

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

async function writeAtomically(file: string, text: string, attempt: number): Promise<void> {
  const dir = dirname(file);
  const temp = join(dir, tempName(file, process.pid, attempt));
  const handle = await open(temp, "w", 0o600);
  try {
    await handle.writeFile(text, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
  // The rename itself must survive a crash: sync the directory entry too.
  const dirHandle = await open(dir, "r");
  try {
    await dirHandle.sync();
  } finally {
    await dirHandle.close();
  }
}

export async function createSnapshotWriter(file: string, snapshot: () => State): Promise<SnapshotWriter> {
  await mkdir(dirname(file), { recursive: true });
  await removeStaleTemps(file);
  let running: Promise<void> | undefined;
  let queued: Promise<void> | undefined;
  let attempt = 0;

  const writeNow = (): Promise<void> => {
    attempt += 1;
    // Serialise synchronously so the snapshot holds every change made before this point.
    return writeAtomically(file, JSON.stringify(snapshot()), attempt);
  };

  const persist = (): Promise<void> => {
    if (!running) {
      running = writeNow().finally(() => {
        running = undefined;
      });
      return running;
    }
    // A write is under way and may predate this change: join (or schedule) the one after it.
    if (!queued) {
      queued = running
        .catch(() => {})
        .then(() => {
          queued = undefined;
          return persist();
        });
    }
    return queued;
  };

  // The first snapshot makes FILE exist (and valid) before any request is served.
  await persist();
  return { persist };
}
