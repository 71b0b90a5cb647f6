// Response bodies come from the contract's own examples, so the benchmark serves what the spec promises.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

type Json = Record<string, unknown>;

function bundled(api: "enterprise" | "organizations"): Json {
  return JSON.parse(readFileSync(require.resolve(`@orgadmin/spec/${api}.json`), "utf8")) as Json;
}

function exampleOf(doc: Json, path: string, status: string): unknown {
  const paths = doc.paths as Record<string, Record<string, Json>>;
  const responses = paths[path]?.get?.responses as Record<string, Json> | undefined;
  const content = responses?.[status]?.content as Record<string, Json> | undefined;
  const example = content?.["application/json"]?.example;
  if (example === undefined) throw new Error(`the bundled spec has no example for GET ${path} ${status}`);
  return example;
}

export const ORGANIZATION_ID = "org_abc123";

/** GET /members (Enterprise v2, bare JSON). */
export function membersBody(): string {
  return JSON.stringify(exampleOf(bundled("enterprise"), "/members", "200"));
}

/** GET /v1/organizations/{organization_id} (Organizations v1, in the envelope). */
export function organizationBody(): string {
  return JSON.stringify(exampleOf(bundled("organizations"), "/v1/organizations/{organization_id}", "200"));
}

/** One page of GET /v1/organizations/{id}/members, built from the example member. */
export function memberPageBody(page: number, pageSize: number, total: number): string {
  const example = exampleOf(
    bundled("organizations"),
    "/v1/organizations/{organization_id}/members",
    "200",
  ) as {
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
  return JSON.stringify({
    status_code: 200,
    status_message: "SUCCESS",
    data: { members, total, page, page_size: pageSize },
  });
}
