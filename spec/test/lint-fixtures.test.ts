// The linter must refuse each broken fixture with the rule that names its defect, at file:line:col.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { formatProblem, lint as lintApi, loadRedocly } from "@orgadmin/redocly";
import { describe, expect, it } from "vitest";

const specDir = fileURLToPath(new URL("..", import.meta.url));
const redocly = await loadRedocly(specDir);

/** The fixture's problems that fail a lint, one line each (`file:line:col  error  rule  message`). */
async function errors(fixture: string): Promise<string[]> {
  const problems = await lintApi(redocly, `test/fixtures/${fixture}`);
  return problems.filter((p) => p.severity === "error").map(formatProblem);
}

describe("spec lint", () => {
  it("accepts the valid fixture the broken ones are made from", async () => {
    expect(await errors("valid.yaml")).toEqual([]);
  });

  it.each([
    ["broken-ref.yaml", "no-unresolved-refs", /test\/fixtures\/broken-ref\.yaml:43:\d+/],
    [
      "invalid-example.yaml",
      "no-invalid-media-type-examples",
      /test\/fixtures\/invalid-example\.yaml:45:\d+/,
    ],
    ["missing-roles.yaml", "orgadmin/operation-permission", /test\/fixtures\/missing-roles\.yaml:27:\d+/],
    ["unknown-role.yaml", "orgadmin/operation-permission", /test\/fixtures\/unknown-role\.yaml:29:\d+/],
    // `target_roles` may only narrow `roles`: a member who cannot call the operation cannot act on an owner.
    [
      "target-role-not-allowed.yaml",
      "orgadmin/operation-permission",
      /test\/fixtures\/target-role-not-allowed\.yaml:31:\d+/,
    ],
    ["const-without-type.yaml", "orgadmin/const-has-type", /test\/fixtures\/const-without-type\.yaml:99:\d+/],
    // Its 429 still documents `X-Request-Id`: the rule must look for `Retry-After` itself.
    [
      "missing-retry-after.yaml",
      "orgadmin/rate-limit-has-retry-after",
      /test\/fixtures\/missing-retry-after\.yaml:66:\d+/,
    ],
  ])("refuses %s with %s at file:line", async (fixture, rule, location) => {
    // One defect, one problem: the rule named is the reason, not a side effect.
    expect(await errors(fixture)).toEqual([
      expect.stringMatching(new RegExp(`^${location.source} {2}error {2}${rule} `)),
    ]);
  });

  it("passes the real contract", () => {
    const result = spawnSync(process.execPath, ["scripts/lint.mjs"], { cwd: specDir, encoding: "utf8" });
    expect(result.stdout + result.stderr).toMatch(/valid/i);
    expect(result.status).toBe(0);
  });
});
