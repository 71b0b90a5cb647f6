// One sandbox per data file: `FILE.lock` holds the owner's pid. Two sandboxes appending to the
// same journal would each lose the other's writes, so the second start fails and says why.
import { open, readFile, unlink } from "node:fs/promises";
import { resolve } from "node:path";

/** Files locked by this process: a second sandbox in the same process must fail too. */
const held = new Set<string>();

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export class DataFileInUse extends Error {}

/** Takes FILE's lock; a lock whose owner is gone (a SIGKILLed sandbox) is taken over. */
export async function lockDataFile(file: string): Promise<{ release(): Promise<void> }> {
  const path = `${resolve(file)}.lock`;
  const inUse = (owner: string) =>
    new DataFileInUse(
      `${file} is in use by another sandbox (${owner}); stop it or give this one another --data file`,
    );
  if (held.has(path)) throw inUse("in this process");
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(path, "wx", 0o600);
      try {
        await handle.writeFile(`${process.pid}\n`);
      } finally {
        await handle.close();
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) throw error;
    }
    const pid = Number((await readFile(path, "utf8").catch(() => "")).trim());
    // This process's own pid is a predecessor's (a restarted container reuses pids): not held above.
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) throw inUse(`pid ${pid}`);
    await unlink(path).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== "ENOENT") throw e;
    });
  }
  held.add(path);
  return {
    async release() {
      held.delete(path);
      await unlink(path).catch(() => {});
    },
  };
}
