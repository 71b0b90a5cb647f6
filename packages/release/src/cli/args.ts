import { parseArgs } from "node:util";
import { git, resolveBase } from "../git.js";

/** `--base <ref>` and the repository root, shared by both gates. */
export async function gateContext(): Promise<{ cwd: string; base: string; why: string }> {
  const { values } = parseArgs({ options: { base: { type: "string" } } });
  const cwd = await git(process.cwd(), ["rev-parse", "--show-toplevel"]);
  const { ref, why } = await resolveBase(cwd, values.base);
  return { cwd, base: ref, why };
}
