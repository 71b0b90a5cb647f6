// Bundles every API under a spec directory (`<api>/openapi.yaml`) the way `@orgadmin/spec` does,
// either from the working tree or from any git ref.
import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { bundle, formatProblem, loadRedocly, writeDocument } from "@orgadmin/redocly";

const run = promisify(execFile);

export type Bundles = Map<string, unknown>;

/** Bundles each `<specDir>/<api>/openapi.yaml` into `<outDir>/<api>.json` and returns the parsed documents. */
export async function bundleSpecs(specDir: string, outDir: string): Promise<Bundles> {
  const bundles: Bundles = new Map();
  if (!existsSync(specDir)) return bundles;
  await mkdir(outDir, { recursive: true });
  const entries = await readdir(specDir, { withFileTypes: true });
  const apis = entries.filter((e) => e.isDirectory() && existsSync(join(specDir, e.name, "openapi.yaml")));
  // The spec directory's redocly.yaml (and plugins) apply, as in the spec's own build.
  const redocly = await loadRedocly(specDir);
  for (const { name } of apis.sort((a, b) => a.name.localeCompare(b.name))) {
    const out = join(outDir, `${name}.json`);
    const root = join(name, "openapi.yaml");
    const { document, problems } = await bundle(redocly, root);
    if (!document) throw new Error(`${root} does not bundle:\n${problems.map(formatProblem).join("\n")}`);
    await writeDocument(document, out);
    bundles.set(name, JSON.parse(await readFile(out, "utf8")));
  }
  return bundles;
}

/** Writes the tree of `path` at `ref` into `dest`; returns false when the path does not exist there. */
export async function extractAt(repo: string, ref: string, path: string, dest: string): Promise<boolean> {
  try {
    await run("git", ["cat-file", "-e", `${ref}:${path}`], { cwd: repo });
  } catch {
    return false;
  }
  await mkdir(dest, { recursive: true });
  await new Promise<void>((resolve, reject) => {
    const archive = spawn("git", ["archive", "--format=tar", ref, path], {
      cwd: repo,
      stdio: ["ignore", "pipe", "inherit"],
    });
    const tar = spawn("tar", ["-x", "-C", dest], { stdio: ["pipe", "ignore", "inherit"] });
    archive.stdout.pipe(tar.stdin);
    let pending = 2;
    const done = (what: string) => (code: number | null) => {
      if (code !== 0) reject(new Error(`${what} exited with ${code}`));
      else if (--pending === 0) resolve();
    };
    archive.on("close", done("git archive"));
    tar.on("close", done("tar -x"));
    archive.on("error", reject);
    tar.on("error", reject);
  });
  return true;
}
