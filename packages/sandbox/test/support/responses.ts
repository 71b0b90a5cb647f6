// Checks a response body against the schema the bundled spec gives for that operation and status,
// through the contract reader.
import { type ApiName, type Contract, loadContract } from "@orgadmin/spec/contract";

const contracts = new Map<ApiName, Contract>();

/** Throws with the reader's problems unless `body` is what the spec documents for this status. */
export function expectDocumented(api: ApiName, operationId: string, status: number, body: unknown): void {
  const contract = contracts.get(api) ?? loadContract(api);
  contracts.set(api, contract);
  const problems = contract.validate(operationId, status, body);
  if (problems.length > 0) {
    throw new Error(
      `${api} ${operationId} ${status}: body breaks the contract: ${problems.join("; ")}\n${JSON.stringify(body)}`,
    );
  }
}
