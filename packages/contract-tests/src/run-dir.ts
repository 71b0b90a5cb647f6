// Files a run shares between its global setup (main process) and its test workers: Prism logs,
// Prism pids and the recorded coverage pairs.
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** One directory per run: `CONTRACT_RUN_DIR`, or one named after the process that runs the setup. */
export function runDir(): string {
  const dir = process.env.CONTRACT_RUN_DIR ?? join(tmpdir(), "orgadmin-contract-tests", `run-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export const pairsFile = (dir: string): string => join(dir, "pairs.jsonl");
export const pidsFile = (dir: string): string => join(dir, "prism-pids.json");

/**
 * Empties the pairs file: the gate judges only what this run exercised, never what an earlier run
 * left in the same directory.
 */
export function startRun(dir: string): void {
  writeFileSync(pairsFile(dir), "");
}
