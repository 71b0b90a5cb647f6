// The published packages of the workspace with their folders, and whether each is ready to publish.
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { getPackages } from "@manypkg/get-packages";
import { readWorkspace } from "./changesets.js";
import { type Manifest, manifestProblems, REPOSITORY } from "./manifests.js";

export interface PublishedPackage {
  name: string;
  /** Folder in the repository, `/`-separated (`packages/client`). */
  directory: string;
  manifest: Manifest;
}

export async function publishedPackages(cwd: string): Promise<PublishedPackage[]> {
  const { published } = await readWorkspace(cwd);
  const { packages } = await getPackages(cwd);
  return packages
    .filter((p) => published.includes(p.packageJson.name))
    .map((p) => ({
      name: p.packageJson.name,
      directory: relative(cwd, p.dir).split("\\").join("/"),
      manifest: p.packageJson as Manifest,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Every problem that would stop or spoil a publish: manifest fields, and a LICENSE beside each manifest
 * that is the root LICENSE (npm packs the one in the package folder).
 */
export async function publishProblems(cwd: string, repository = REPOSITORY): Promise<string[]> {
  const license = readFileSync(join(cwd, "LICENSE"), "utf8");
  const problems: string[] = [];
  for (const pkg of await publishedPackages(cwd)) {
    problems.push(...manifestProblems(pkg.manifest, pkg.directory, repository));
    let copy: string | undefined;
    try {
      copy = readFileSync(join(cwd, pkg.directory, "LICENSE"), "utf8");
    } catch {}
    if (copy !== license)
      problems.push(`${pkg.name}: ${pkg.directory}/LICENSE is not a copy of the root LICENSE`);
  }
  return problems;
}
