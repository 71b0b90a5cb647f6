// Bookkeeping for the coverage gate: which (operationId, status) pairs the contract documents,
// which ones a run exercised, and the matrix that shows the difference.
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import type { ApiName, Contract } from "@orgadmin/spec/contract";

export interface Pair {
  api: ApiName;
  operationId: string;
  status: string;
}

const key = (p: Pair): string => `${p.api} ${p.operationId} ${p.status}`;

export function documentedPairs(contracts: readonly Contract[]): Pair[] {
  return contracts.flatMap((c) =>
    c.operations.flatMap((op) =>
      op.statuses.map((status) => ({ api: c.api, operationId: op.operationId, status })),
    ),
  );
}

/** Appends one exercised pair; one JSON object a line, so parallel workers never clobber each other. */
export function recordPair(file: string, pair: Pair): void {
  appendFileSync(file, `${JSON.stringify(pair)}\n`);
}

export function readPairs(file: string): Pair[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Pair);
}

export interface CoverageReport {
  documented: number;
  covered: number;
  /** Documented pairs no test produced. */
  missing: Pair[];
  /** Pairs a test produced that the contract does not document. */
  undocumented: Pair[];
  table: string;
}

export function coverageReport(contracts: readonly Contract[], exercised: readonly Pair[]): CoverageReport {
  const documented = documentedPairs(contracts);
  const seen = new Set(exercised.map(key));
  const known = new Set(documented.map(key));
  const missing = documented.filter((p) => !seen.has(key(p)));
  // A status only an operation's `default` response documents (the HTTP layer's answers) is
  // documented, but no run is required to produce it: it is neither missing nor undocumented.
  const byApi = new Map(contracts.map((c) => [c.api, c]));
  const isDocumented = (p: Pair) =>
    known.has(key(p)) || byApi.get(p.api)?.documentedAs(p.operationId, p.status) !== undefined;
  const undocumented = [
    ...new Map(exercised.filter((p) => !isDocumented(p)).map((p) => [key(p), p])).values(),
  ];
  return {
    documented: documented.length,
    covered: documented.length - missing.length,
    missing,
    undocumented,
    table: matrix(contracts, seen, undocumented),
  };
}

/** ✓ documented and exercised, ✗ documented but never exercised, ! exercised but not documented. */
function matrix(contracts: readonly Contract[], seen: Set<string>, undocumented: readonly Pair[]): string {
  const statuses = [
    ...new Set([
      ...contracts.flatMap((c) => c.operations.flatMap((op) => op.statuses)),
      ...undocumented.map((p) => p.status),
    ]),
  ].sort();
  const rows = contracts.flatMap((c) =>
    c.operations.map((op) => [
      c.api,
      op.operationId,
      ...statuses.map((status) => {
        const pair = { api: c.api, operationId: op.operationId, status };
        if (op.statuses.includes(status)) return seen.has(key(pair)) ? "✓" : "✗";
        return seen.has(key(pair)) ? "!" : "";
      }),
    ]),
  );
  const header = ["api", "operation", ...statuses];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]): string =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

export function formatPairs(pairs: readonly Pair[]): string {
  return pairs.map((p) => `  - ${p.api} ${p.operationId} ${p.status}`).join("\n");
}
