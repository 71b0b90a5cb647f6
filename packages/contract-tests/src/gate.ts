// The coverage gate's verdict: what a run must have exercised, per API and mode.
import type { ApiName, Contract, Operation } from "@orgadmin/spec/contract";
import { type CoverageReport, coverageReport, formatPairs, type Pair } from "./coverage.js";
import type { Mode } from "./targets.js";

export interface Verdict {
  report: CoverageReport;
  /** Empty when the gate passes. */
  problems: string[];
}

/**
 * Against a mock every documented pair can be produced, so all of them must be. A real server is
 * required to have reached every operation's documented success status at least once: answering
 * everything with 401 proves nothing. An undocumented status fails either way.
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
  const unsucceeded = contracts
    .filter((c) => modeOf(c.api) === "proxy")
    .flatMap((c) => c.operations.map((op) => ({ api: c.api, op })))
    .filter(({ api, op }) => !exercised.some((p) => sameOperation(p, api, op) && p.status === op.success))
    .map(({ api, op }) => {
      const got = [...new Set(exercised.filter((p) => sameOperation(p, api, op)).map((p) => p.status))];
      return `  - ${api} ${op.operationId} ${op.success} (${got.length > 0 ? `got ${got.join(", ")}` : "never called"})`;
    });
  if (unsucceeded.length > 0) {
    problems.push(`operations that never reached their success status:\n${unsucceeded.join("\n")}`);
  }
  return { report, problems };
}

const sameOperation = (pair: Pair, api: ApiName, op: Operation): boolean =>
  pair.api === api && pair.operationId === op.operationId;

export function summary(report: CoverageReport): string {
  return `Contract coverage: ${report.covered}/${report.documented} documented (operationId, status) pairs\n${report.table}`;
}
