// Sums every vitest summary line ("Tests  3 failed | 40 passed (43)") in a log into one
// "N passed, N failed" line. Exits non-zero when no test ran at all.
import { readFileSync } from "node:fs";

// Strip ANSI colour codes (ESC [ … m) in case a runner ignored NO_COLOR.
const text = readFileSync(process.argv[2], "utf8").replace(
  new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g"),
  "",
);
const totals = { passed: 0, failed: 0, skipped: 0 };
let runs = 0;
for (const line of text.split("\n")) {
  const summary = line.match(/\bTests\s+(.*\(\d+\))\s*$/);
  if (!summary) continue;
  runs += 1;
  for (const [, count, kind] of summary[1].matchAll(/(\d+)\s+(passed|failed|skipped|todo)/g)) {
    if (kind in totals) totals[kind] += Number(count);
  }
}
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
if (runs === 0) {
  console.error("no test runner summary found");
  process.exit(1);
}
