import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { git, resolveBase } from "../git.js";

/** `--base <ref>` and the repository root, shared by both gates. */
export async function gateContext(): Promise<{ cwd: string; base: string; why: string }> {
  const { values } = parseArgs({ options: { base: { type: "string" } } });
  const cwd = await git(process.cwd(), ["rev-parse", "--show-toplevel"]);
  // The default branch is the one changesets releases from.
  const { baseBranch = "main" } = JSON.parse(
    readFileSync(join(cwd, ".changeset", "config.json"), "utf8"),
  ) as { baseBranch?: string };
  const { ref, why } = await resolveBase(cwd, values.base, process.env, baseBranch);
  return { cwd, base: ref, why };
}
