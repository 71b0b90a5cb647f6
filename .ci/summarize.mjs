// Sums every test runner's summary line in a log into one "N passed, N failed" line. Exits
// non-zero when no test ran at all.
import { readFileSync } from "node:fs";
import { summarize } from "../scripts/test-summary.mjs";

const totals = summarize(readFileSync(process.argv[2], "utf8"));
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
if (totals.runs === 0) {
  console.error("no test runner summary found");
  process.exit(1);
}
