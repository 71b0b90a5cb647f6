import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export async function git(cwd: string, args: readonly string[]): Promise<string> {
  const { stdout } = await run("git", args, { cwd, maxBuffer: 64 * 1024 * 1024 });
  return stdout.trim();
}

/** Release tags as `changeset publish` writes them: `@orgadmin/spec@1.2.0`. */
export const RELEASE_TAG_GLOB = "@orgadmin/*@*";

/**
 * The ref a change is measured against: an explicit `--base`, the target branch of a pull request
 * (`GITHUB_BASE_REF`), the newest release tag reachable from HEAD, or, before any release, the first commit.
 */
export async function resolveBase(
  cwd: string,
  explicit: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ ref: string; why: string }> {
  if (explicit) return { ref: explicit, why: "--base" };
  if (env.GITHUB_BASE_REF) return { ref: `origin/${env.GITHUB_BASE_REF}`, why: "pull request target" };
  try {
    const tag = await git(cwd, ["describe", "--tags", "--abbrev=0", "--match", RELEASE_TAG_GLOB, "HEAD"]);
    return { ref: tag, why: "last release tag" };
  } catch {
    const roots = (await git(cwd, ["rev-list", "--max-parents=0", "HEAD"])).split("\n");
    return { ref: roots[roots.length - 1] ?? "HEAD", why: "no release yet: first commit" };
  }
}
