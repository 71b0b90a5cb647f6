// Response bodies come from the contract's own examples, so the benchmark serves what the spec promises.
import { type ApiName, type Contract, loadContract } from "@orgadmin/spec/contract";

type Json = Record<string, unknown>;

const contracts = new Map<ApiName, Contract>();

/** The example the contract documents for the success of `GET path`. */
function exampleOf(api: ApiName, path: string): unknown {
  const contract = contracts.get(api) ?? loadContract(api);
  contracts.set(api, contract);
  const op = contract.find("GET", path);
  if (!op) throw new Error(`the bundled ${api} spec has no GET ${path}`);
  return contract.example(op.operationId, op.success);
}

export const ORGANIZATION_ID = "org_abc123";

/** GET /members (Enterprise v2, bare JSON). */
export function membersBody(): string {
  return JSON.stringify(exampleOf("enterprise", "/members"));
}

/** GET /v1/organizations/{organization_id} (Organizations v1, in the envelope). */
export function organizationBody(): string {
  return JSON.stringify(exampleOf("organizations", "/v1/organizations/{organization_id}"));
}

/** One page of GET /v1/organizations/{id}/members, built from the example member. */
export function memberPageBody(page: number, pageSize: number, total: number): string {
  const example = exampleOf("organizations", "/v1/organizations/{organization_id}/members") as {
    data: { members: Json[] };
  };
  const template = example.data.members[0] ?? {};
  const first = (page - 1) * pageSize;
  const count = Math.max(0, Math.min(pageSize, total - first));
  const members = Array.from({ length: count }, (_, i) => ({
    ...template,
    id: `user_${first + i + 1}`,
    email: `user${first + i + 1}@example.com`,
    username: `user${first + i + 1}`,
  }));
  // The example's own envelope (status_code, status_message), around this page.
  return JSON.stringify({ ...example, data: { members, total, page, page_size: pageSize } });
}
