// The contract changes of a release, written into the CHANGELOG entry `changeset version` has just made,
// so consumers read what changed in the API (operation and field) beside the changesets' prose.
import type { Change, Level } from "./classify.js";
import { RULES } from "./classify.js";

export type ApiChange = Change & { api: string };

/** Changelog headings, in the order a consumer needs them. */
export const SECTIONS: ReadonlyArray<[Level, string]> = [
  ["breaking", "Breaking"],
  ["minor", "Added"],
  ["patch", "Changed"],
];

export const API_CHANGES_HEADING = "### API changes";

/** One line per change: the API, what happened, and where (operation, status, media type, field). */
export function changeLine(change: ApiChange): string {
  const detail = change.detail ? ` (${change.detail})` : "";
  return `- [${change.api}] ${RULES[change.rule].summary}: \`${change.where}\`${detail}`;
}

/** The `### API changes` section for one release; `firstRelease` when there is no earlier contract. */
export function renderApiChanges(changes: readonly ApiChange[], firstRelease = false): string {
  const lines = [API_CHANGES_HEADING, ""];
  if (firstRelease) {
    lines.push("First release: there is no earlier contract to compare with.");
    return lines.join("\n");
  }
  if (changes.length === 0) {
    lines.push("None: the contract is the same as in the previous release.");
    return lines.join("\n");
  }
  for (const [level, title] of SECTIONS) {
    const those = changes.filter((c) => c.level === level);
    if (those.length === 0) continue;
    lines.push(`#### ${title}`, "", ...those.map(changeLine), "");
  }
  return lines.join("\n").trimEnd();
}

/**
 * Adds `section` at the end of the entry `## <version>` of a changesets CHANGELOG (after the changesets'
 * prose, before the previous version's entry). Unchanged when that entry is missing or already has one.
 */
export function insertApiChanges(changelog: string, version: string, section: string): string {
  const lines = changelog.split("\n");
  const start = lines.indexOf(`## ${version}`);
  if (start === -1) return changelog;
  let end = lines.findIndex((line, i) => i > start && line.startsWith("## "));
  if (end === -1) end = lines.length;
  if (lines.slice(start, end).includes(API_CHANGES_HEADING)) return changelog;
  const entry = lines.slice(start, end);
  while (entry.length > 0 && entry[entry.length - 1]?.trim() === "") entry.pop();
  const rest = lines.slice(end);
  return [...lines.slice(0, start), ...entry, "", ...section.split("\n"), "", ...rest]
    .join("\n")
    .replace(/\n*$/, "\n");
}
