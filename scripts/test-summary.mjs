// Reads the closing lines of every test runner in a log and adds them up: vitest's
// "Tests  3 failed | 40 passed (43)" and the plain "N passed, N failed" that other runners print.
// `pnpm verify` (and so .ci/run) and `pnpm test:stress` judge runs with it.

// Strip ANSI colour codes (ESC [ … m) in case a runner ignored NO_COLOR.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");
export const withoutColour = (text) => text.replace(ANSI, "");
const TURBO_PREFIX = /^@?[\w./-]+:[\w:-]+: /;

/** @returns {{ passed: number, failed: number, skipped: number, runs: number }} */
export function summarize(text) {
  const totals = { passed: 0, failed: 0, skipped: 0, runs: 0 };
  for (const raw of withoutColour(text).split("\n")) {
    // turbo prefixes each task's line with "<package>:<task>: ".
    const line = raw.replace(TURBO_PREFIX, "");
    const vitest = line.match(/\bTests\s+(.*\(\d+\))\s*$/);
    const plain = line.match(/^(?:[\w-]+:\s*)?(\d+ passed, \d+ failed(?:, \d+ skipped)?)\s*$/);
    const counts = vitest?.[1] ?? plain?.[1];
    if (!counts) continue;
    totals.runs += 1;
    for (const [, count, kind] of counts.matchAll(/(\d+)\s+(passed|failed|skipped|todo)/g)) {
      if (kind in totals) totals[kind] += Number(count);
    }
  }
  return totals;
}
