// The linter must refuse each broken variant of the valid fixture with the rule that names its
// defect, at file:line:col. Each variant is valid.yaml with one small edit, made here.

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { formatProblem, lint as lintApi, loadRedocly } from "@orgadmin/redocly";
import { describe, expect, it } from "vitest";
import { API_NAMES } from "../src/apis.js";

const specDir = fileURLToPath(new URL("..", import.meta.url));
const redocly = await loadRedocly(specDir);
const valid = readFileSync(join(specDir, "test/fixtures/valid.yaml"), "utf8");
const scratch = mkdtempSync(join(tmpdir(), "orgadmin-lint-fixtures-"));

/** The problems of `file` that fail a lint, one line each (`file:line:col  error  rule  message`). */
async function errors(file: string): Promise<string[]> {
  const problems = await lintApi(redocly, file);
  return problems.filter((p) => p.severity === "error").map(formatProblem);
}

/** valid.yaml with `from` replaced by `to` (which must occur exactly once), as a file of its own. */
function variant(name: string, from: string, to: string): string {
  expect(valid.split(from), `${name}: the edit must apply exactly once`).toHaveLength(2);
  const file = join(scratch, `${name}.yaml`);
  writeFileSync(file, valid.replace(from, to));
  return file;
}

/** Where getOrganization's 200 names its schema. */
const THE_ORGANIZATION =
  "          description: The organization.\n          content:\n            application/json:\n              schema:";
const ROLES = "        roles: [owner, admin, member]\n";
const RETRY_AFTER =
  "        Retry-After:\n          description: Seconds to wait before retrying.\n          schema:\n            type: integer\n            minimum: 0\n";

describe("spec lint", () => {
  it("accepts the valid fixture the broken ones are made from", async () => {
    expect(await errors("test/fixtures/valid.yaml")).toEqual([]);
  });

  it.each([
    [
      "broken-ref",
      `${THE_ORGANIZATION}\n                $ref: "#/components/schemas/Organization"`,
      `${THE_ORGANIZATION}\n                $ref: "#/components/schemas/Organisation"`,
      "no-unresolved-refs",
      43,
    ],
    ["invalid-example", "                name: 我的组织\n", "", "no-invalid-media-type-examples", 45],
    ["missing-roles", ROLES, "", "orgadmin/operation-permission", 27],
    ["unknown-role", ROLES, "        roles: [owner, superuser]\n", "orgadmin/operation-permission", 29],
    // `target_roles` may only narrow `roles`: a member who cannot call the operation cannot act on an owner.
    [
      "target-role-not-allowed",
      ROLES,
      "        roles: [owner, admin]\n        target_roles:\n          owner: [owner, member]\n",
      "orgadmin/operation-permission",
      31,
    ],
    // `keeps_role` names a role of the Role schema (an organization always keeps a member with it).
    [
      "unknown-keeps-role",
      ROLES,
      `${ROLES}        keeps_role: superuser\n`,
      "orgadmin/operation-permission",
      30,
    ],
    [
      "const-without-type",
      '          $ref: "#/components/schemas/Role"\n',
      '          $ref: "#/components/schemas/Role"\n        kind:\n          const: organization\n',
      "orgadmin/const-has-type",
      99,
    ],
    // Its 429 still documents `X-Request-Id`: the rule must look for `Retry-After` itself.
    ["missing-retry-after", RETRY_AFTER, "", "orgadmin/rate-limit-has-retry-after", 66],
  ])(
    "refuses %s (valid.yaml, one edit) with the rule that names it, at its line",
    async (name, from, to, rule, line) => {
      const file = variant(name, from, to);
      // One defect, one problem: the rule named is the reason, not a side effect.
      expect(await errors(file)).toEqual([
        expect.stringMatching(new RegExp(`${name}\\.yaml:${line}:\\d+ {2}error {2}${rule} `)),
      ]);
    },
  );

  it("passes the real contract", () => {
    const result = spawnSync(process.execPath, ["scripts/lint.mjs"], { cwd: specDir, encoding: "utf8" });
    expect(result.stdout + result.stderr).toBe(API_NAMES.map((api) => `${api}: valid\n`).join(""));
    expect(result.status).toBe(0);
  });
});
