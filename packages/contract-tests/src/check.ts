// One check shared by every success and error test, by the real-server mode and by the mutation
// proofs: an answer is in the contract when its status is documented for the operation and its
// body matches that status's schema. Failures name the operation and the JSON path.
import type { Contract } from "@orgadmin/spec/contract";

export class ContractViolation extends Error {
  override name = "ContractViolation";
  constructor(
    readonly operationId: string,
    readonly problems: readonly string[],
  ) {
    super(`${operationId}: the answer breaks the contract\n${problems.map((p) => `  ${p}`).join("\n")}`);
  }
}

export interface Answer {
  response: Response;
  data?: unknown;
  error?: unknown;
}

interface PrismViolation {
  location?: unknown[];
  message?: string;
}

/** Prism's own report (`--errors`) of a response that broke the contract, as JSON paths. */
function prismViolations(body: unknown): string[] | undefined {
  const report = body as { type?: unknown; validation?: PrismViolation[] } | null;
  if (typeof report?.type !== "string" || !report.type.endsWith("#VIOLATIONS")) return undefined;
  return (report.validation ?? []).map((v) => {
    const [source, part, ...rest] = (v.location ?? []).map(String);
    const path = rest.reduce((p, seg) => (/^\d+$/.test(seg) ? `${p}[${seg}]` : `${p}.${seg}`), "$");
    const where = part === "body" ? path : `${part ?? ""} ${rest.join(".")}`.trim();
    return `${source ?? "?"} ${where}: ${v.message ?? "invalid"} (reported by Prism)`;
  });
}

/**
 * Throws a ContractViolation unless `answer` is a documented status of `operationId` with a body
 * that matches its schema, and (when given) the status expected.
 */
export function checkAnswer(
  contract: Contract,
  operationId: string,
  answer: Answer,
  expected?: string,
): void {
  const status = String(answer.response.status);
  const body = answer.data !== undefined ? answer.data : answer.error;
  const fromPrism = prismViolations(body);
  if (fromPrism) throw new ContractViolation(operationId, fromPrism);
  const problems = contract.validate(operationId, status, body);
  if (expected !== undefined && status !== expected) {
    problems.unshift(`HTTP ${status} where HTTP ${expected} was expected`);
  }
  if (problems.length > 0) throw new ContractViolation(operationId, problems);
}
