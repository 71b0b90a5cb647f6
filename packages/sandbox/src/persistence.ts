// Durable snapshots for `--data FILE`: each snapshot goes to a temp file that is fsynced and then
// renamed over FILE, so FILE always holds one whole snapshot. Writes are group-committed: callers
// that arrive while a write is running share the next one, and each caller's promise settles only
// once a snapshot containing its change is on disk.
import { mkdir, open, readFile, rename, unlink } from "node:fs/promises";
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

async function writeAtomically(file: string, text: string, attempt: number): Promise<void> {
  const dir = dirname(file);
  const temp = join(dir, `.${basename(file)}.${process.pid}.${attempt}.tmp`);
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
