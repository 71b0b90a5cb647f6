/** Prints a titled table with aligned columns (Markdown-compatible, so it pastes into the README). */
export function printTable(
  title: string,
  header: readonly string[],
  rows: readonly (readonly string[])[],
): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  console.log(`\n### ${title}\n`);
  console.log(line(header));
  console.log(`| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`);
  for (const row of rows) console.log(line(row));
}

export function printNote(text: string): void {
  console.log(`\n${text}`);
}

/** "✓ within" / "✗ over by …" for a budget line. */
export function verdict(ok: boolean, detail: string): string {
  return ok ? `within (${detail})` : `MISSED (${detail})`;
}
