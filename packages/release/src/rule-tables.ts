// The rule tables of the guides, made from the code that holds the rules: the lint rules from
// spec/redocly.yaml (and its comments), the breaking-change rules from the classifier's RULES.
// `pnpm docs` writes them into docs/ between markers; a test fails when a committed guide differs.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { isMap, isScalar, type Pair, parseDocument, type YAMLMap } from "yaml";
import { type Level, RULES } from "./classify.js";

const cell = (text: string): string => text.replace(/\|/g, "\\|").replace(/\s+/g, " ").trim();

/** A Markdown table, its columns padded as the formatter (Biome) lays them out. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cells = rows.map((row) => row.map(cell));
  const widths = header.map((h, i) => Math.max(h.length, 3, ...cells.map((row) => (row[i] ?? "").length)));
  const line = (row: readonly string[]) => `| ${row.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}

/** A rule's comment lines in redocly.yaml, without `#`. */
const commentText = (comment: string | null | undefined): string =>
  (comment ?? "")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .join(" ");

/**
 * Every rule redocly.yaml sets, in its order: severity, the APIs that turn it off, and why (the
 * comment above it, which names a group for the rules after it until the next comment).
 */
export function lintRulesTable(specDir: string): string {
  const doc = parseDocument(readFileSync(join(specDir, "redocly.yaml"), "utf8"));
  const rules = doc.get("rules") as YAMLMap<unknown, unknown>;
  const apis = doc.get("apis") as YAMLMap<unknown, unknown>;
  const offFor = new Map<string, string[]>();
  for (const api of apis.items) {
    const perApi = (api.value as YAMLMap).get("rules") as YAMLMap<unknown, unknown> | undefined;
    for (const rule of perApi?.items ?? []) {
      const name = String((rule.key as { value: unknown }).value);
      if (String((rule.value as { value?: unknown }).value) === "off")
        offFor.set(name, [...(offFor.get(name) ?? []), String((api.key as { value: unknown }).value)]);
    }
  }
  let group = "";
  const rows = (rules.items as Pair<unknown, unknown>[]).map((rule, index) => {
    const key = rule.key as { value: unknown; commentBefore?: string | null };
    // The comment above the first rule belongs to the map itself in the YAML tree.
    const own = commentText(key.commentBefore ?? (index === 0 ? rules.commentBefore : undefined));
    if (own) group = own;
    const value = rule.value;
    let severity = "";
    let why = group;
    if (isScalar(value)) severity = String(value.value);
    else if (isMap(value)) {
      severity = String(value.get("severity") ?? "");
      const message = value.get("message");
      if (typeof message === "string") why = own ? `${own.replace(/\.?$/, ".")} ${message}` : message;
    }
    const name = String(key.value);
    return [`\`${name}\``, severity, (offFor.get(name) ?? []).map((a) => `off for ${a}`).join(", "), why];
  });
  return table(["rule", "severity", "per API", "why"], rows);
}

const LEVEL_ORDER: Level[] = ["breaking", "minor", "patch"];

/** Every rule of the classifier: the bump it needs and what it means, breaking first. */
export function breakingRulesTable(): string {
  const rows = LEVEL_ORDER.flatMap((level) =>
    Object.entries(RULES)
      .filter(([, rule]) => rule.level === level)
      .map(([name, rule]) => [`\`${name}\``, level, rule.summary]),
  );
  return table(["rule", "bump", "what changed"], rows);
}

/** Replaces what sits between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`. */
export function replaceGenerated(markdown: string, name: string, content: string): string {
  const start = `<!-- generated:${name} (pnpm docs; do not edit) -->`;
  const end = `<!-- /generated:${name} -->`;
  const from = markdown.indexOf(start);
  const to = markdown.indexOf(end);
  if (from === -1 || to < from) throw new Error(`no ${start} … ${end} block`);
  return `${markdown.slice(0, from + start.length)}\n\n${content}\n\n${markdown.slice(to)}`;
}

/** Each guide under docs/ that carries a generated table, and the tables it carries. */
export function generatedGuides(root: string): Array<{ file: string; blocks: Record<string, string> }> {
  return [
    {
      file: join(root, "docs", "designing.md"),
      blocks: { "lint-rules": lintRulesTable(join(root, "spec")) },
    },
    { file: join(root, "docs", "releasing.md"), blocks: { "breaking-rules": breakingRulesTable() } },
  ];
}

/** The guide's text with every generated block brought up to date. */
export function regenerate(markdown: string, blocks: Record<string, string>): string {
  return Object.entries(blocks).reduce(
    (text, [name, content]) => replaceGenerated(text, name, content),
    markdown,
  );
}
