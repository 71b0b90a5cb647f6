import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export async function git(cwd: string, args: readonly string[]): Promise<string> {
  const { stdout } = await run("git", args, { cwd, maxBuffer: 64 * 1024 * 1024 });
  return stdout.trim();
}

/** Like `git`, but undefined instead of an error when git exits non-zero (a ref that does not exist). */
async function gitMaybe(cwd: string, args: readonly string[]): Promise<string | undefined> {
  try {
    return (await git(cwd, args)) || undefined;
  } catch {
    return undefined;
  }
}

/** Release tags as `changeset publish` writes them: `@orgadmin/spec@1.2.0`. */
export const RELEASE_TAG_GLOB = "@orgadmin/*@*";

/** The manifest whose version a release changes (`@orgadmin/spec`; the client shares its version). */
export const RELEASE_MANIFEST = "spec/package.json";

export interface Base {
  /** What the gates compare with: a commit, tag or remote branch. */
  ref: string;
  /** Why this base, in words, for the gates' first line. */
  why: string;
  /** Set when there has been no release: the base is the first commit. */
  firstCommit?: true;
}

/** The default branch as a ref that exists here: the local branch, else its remote-tracking one. */
async function defaultBranchRef(cwd: string, branch: string): Promise<string | undefined> {
  for (const ref of [branch, `origin/${branch}`]) {
    if (await gitMaybe(cwd, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`])) return ref;
  }
  return undefined;
}

/**
 * The newest commit on HEAD's history that changed the released version in `spec/package.json` (the
 * "Version packages" commit `changeset version` makes); undefined when the version never changed since the
 * file was created.
 */
async function lastReleaseCommit(cwd: string): Promise<string | undefined> {
  const log = await gitMaybe(cwd, ["log", "--format=%H", "-G", '"version":', "HEAD", "--", RELEASE_MANIFEST]);
  const version = (text?: string) => (text ? (JSON.parse(text) as { version?: string }).version : undefined);
  for (const sha of log?.split("\n") ?? []) {
    // The commit that created the file adds its first version: that is no release.
    const before = await gitMaybe(cwd, ["show", `${sha}^:${RELEASE_MANIFEST}`]);
    if (before === undefined) continue;
    const after = await gitMaybe(cwd, ["show", `${sha}:${RELEASE_MANIFEST}`]);
    if (version(before) !== version(after)) return sha;
  }
  return undefined;
}

/** The newest release of HEAD's history: a release tag, else a release commit, else the first commit. */
export async function lastRelease(cwd: string): Promise<Base> {
  const tag = await gitMaybe(cwd, ["describe", "--tags", "--abbrev=0", "--match", RELEASE_TAG_GLOB, "HEAD"]);
  if (tag) return { ref: tag, why: "last release tag" };
  const release = await lastReleaseCommit(cwd);
  if (release)
    return {
      ref: release,
      why: `no release tag: last release commit (changed the version in ${RELEASE_MANIFEST})`,
    };
  const roots = (await git(cwd, ["rev-list", "--max-parents=0", "HEAD"])).split("\n");
  return { ref: roots[roots.length - 1] ?? "HEAD", why: "no release yet: first commit", firstCommit: true };
}

/**
 * The ref a change is measured against:
 * - `--base <ref>` when given;
 * - in a pull request (`GITHUB_BASE_REF`), the merge-base of HEAD with its target branch;
 * - on a branch other than the default one (or a detached HEAD off it), the merge-base of HEAD with the
 *   default branch, so only the branch's own changes and changesets count;
 * - on the default branch, the newest release tag, else the last release commit, else the first commit.
 */
export async function resolveBase(
  cwd: string,
  explicit: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  defaultBranch = "main",
): Promise<Base> {
  if (explicit) return { ref: explicit, why: "--base" };
  const head = await git(cwd, ["rev-parse", "HEAD"]);
  if (env.GITHUB_BASE_REF) {
    const target = `origin/${env.GITHUB_BASE_REF}`;
    const mergeBase = await gitMaybe(cwd, ["merge-base", "HEAD", target]);
    if (mergeBase) return { ref: mergeBase, why: `pull request: merge-base of HEAD with ${target}` };
    return { ref: target, why: "pull request target (no merge-base found)" };
  }
  const branch = await gitMaybe(cwd, ["symbolic-ref", "--quiet", "--short", "HEAD"]);
  const onDefault = branch === defaultBranch;
  const main = onDefault ? undefined : await defaultBranchRef(cwd, defaultBranch);
  if (main) {
    const mergeBase = await gitMaybe(cwd, ["merge-base", "HEAD", main]);
    // A detached HEAD already on the default branch is measured like the branch itself.
    if (mergeBase && (branch !== undefined || mergeBase !== head))
      return {
        ref: mergeBase,
        why: `branch ${branch ?? "(detached HEAD)"}: merge-base with ${main}`,
      };
  }
  const { ref, why } = await lastRelease(cwd);
  if (onDefault || main) return { ref, why: `on ${defaultBranch}: ${why}` };
  return { ref, why: `no ${defaultBranch} branch here: ${why}` };
}
