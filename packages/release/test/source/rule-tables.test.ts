// The guides' rule tables are made from the code that holds the rules, and the committed guides
// carry what that code says today.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { RULES } from "../../src/classify.js";
import {
  breakingRulesTable,
  generatedGuides,
  lintRulesTable,
  regenerate,
  replaceGenerated,
} from "../../src/rule-tables.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");
const rowsOf = (table: string) => table.split("\n").slice(2);

describe("rule tables", () => {
  it.each(generatedGuides(root).map((guide) => [guide.file.slice(root.length + 1), guide] as const))(
    "%s carries the tables its code generates (run `pnpm docs` when this fails)",
    (_name, { file, blocks }) => {
      const committed = readFileSync(file, "utf8");
      expect(regenerate(committed, blocks)).toBe(committed);
    },
  );

  it("lists every breaking-change rule with its bump, breaking first", () => {
    const rows = rowsOf(breakingRulesTable());
    expect(rows).toHaveLength(Object.keys(RULES).length);
    for (const [name, rule] of Object.entries(RULES)) {
      expect(rows.find((row) => row.startsWith(`| \`${name}\` `))).toMatch(
        new RegExp(`\\| ${rule.level} +\\| ${rule.summary.replace(/[()]/g, "\\$&")} +\\|$`),
      );
    }
    const levels = rows.map((row) => row.split("|")[2]?.trim());
    expect(levels.indexOf("minor")).toBeGreaterThan(levels.lastIndexOf("breaking"));
    expect(levels.indexOf("patch")).toBeGreaterThan(levels.lastIndexOf("minor"));
  });

  it("lists every lint rule redocly.yaml sets, with its severity, reason and per-API exceptions", () => {
    const specDir = join(root, "spec");
    const config = parse(readFileSync(join(specDir, "redocly.yaml"), "utf8")) as {
      rules: Record<string, unknown>;
    };
    const rows = rowsOf(lintRulesTable(specDir));
    expect(rows).toHaveLength(Object.keys(config.rules).length);
    expect(rows[0]).toMatch(
      /^\| `orgadmin\/operation-permission` +\| error +\| +\| Who may call each operation/,
    );
    expect(rows.find((row) => row.includes("`tags-alphabetical`"))).toMatch(/\| off +\|/);
    expect(rows.find((row) => row.includes("`rule/json-body-has-example`"))).toContain("needs an `example`");
  });

  it("names the APIs a rule is off for", () => {
    const specDir = mkdtempSync(join(tmpdir(), "orgadmin-rules-"));
    writeFileSync(
      join(specDir, "redocly.yaml"),
      "apis:\n  one@v1:\n    root: one.yaml\n    rules:\n      some-rule: off\n  two@v2:\n    root: two.yaml\n" +
        "rules:\n  # Why it matters.\n  some-rule: error\n",
    );
    expect(rowsOf(lintRulesTable(specDir))).toEqual([
      expect.stringMatching(/^\| `some-rule` +\| error +\| off for one@v1 +\| Why it matters\. +\|$/),
    ]);
  });

  it("replaces only what sits between a block's markers, and refuses a guide without them", () => {
    const before =
      "intro\n<!-- generated:x (pnpm docs; do not edit) -->\nold\n<!-- /generated:x -->\noutro\n";
    expect(replaceGenerated(before, "x", "new")).toBe(
      "intro\n<!-- generated:x (pnpm docs; do not edit) -->\n\nnew\n\n<!-- /generated:x -->\noutro\n",
    );
    expect(() => replaceGenerated("no markers", "x", "new")).toThrow(/no <!-- generated:x/);
  });
});
