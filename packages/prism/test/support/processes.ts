// Looks for processes from outside: what the lifecycle tests use to prove nothing stayed behind.
import { readdirSync, readFileSync } from "node:fs";

/** Pids of live processes whose command line contains `text` (Linux /proc). */
export function processesMentioning(text: string): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").includes(text);
      } catch {
        return false;
      }
    })
    .map(Number);
}
