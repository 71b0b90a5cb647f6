// The coverage gate's verdict: what a run must have exercised, per API and mode.
import type { ApiName, Contract } from "./contract.js";
import { type CoverageReport, coverageReport, formatPairs, type Pair } from "./coverage.js";
import type { Mode } from "./targets.js";

export interface Verdict {
  report: CoverageReport;
  /** Empty when the gate passes. */
  problems: string[];
}

/**
 * Against a mock every documented pair can be produced, so all of them must be; a real server is
 * only required to have answered every operation within the contract. An undocumented status fails
 * either way.
 */
export function judgeCoverage(
  contracts: readonly Contract[],
  exercised: readonly Pair[],
  modeOf: (api: ApiName) => Mode,
): Verdict {
  const report = coverageReport(contracts, exercised);
  const problems: string[] = [];
  if (report.undocumented.length > 0) {
    problems.push(
      `answers with a status the contract does not document:\n${formatPairs(report.undocumented)}`,
    );
  }
  const missing = report.missing.filter((p) => modeOf(p.api) === "mock");
  if (missing.length > 0) problems.push(`documented pairs no test exercised:\n${formatPairs(missing)}`);
  const reached = new Set(exercised.map((p) => `${p.api} ${p.operationId}`));
  const unreached = contracts
    .filter((c) => modeOf(c.api) === "proxy")
    .flatMap((c) => c.operations.map((op) => `${c.api} ${op.operationId}`))
    .filter((id) => !reached.has(id));
  if (unreached.length > 0) problems.push(`operations never called:\n  - ${unreached.join("\n  - ")}`);
  return { report, problems };
}

export function summary(report: CoverageReport): string {
  return `Contract coverage: ${report.covered}/${report.documented} documented (operationId, status) pairs\n${report.table}`;
}
