// What the changesets since a base ref will release, read with the changesets libraries themselves
// so the gates agree with `changeset version` and `changeset status`.
import { read as readConfig } from "@changesets/config";
import getReleasePlan from "@changesets/get-release-plan";
import { getChangedPackagesSinceRef } from "@changesets/git";
import type { Config, VersionType } from "@changesets/types";
import { getPackages } from "@manypkg/get-packages";

export interface Workspace {
  config: Config;
  /** Packages that are published: not private and not ignored by the changesets config. */
  published: string[];
}

export async function readWorkspace(cwd: string): Promise<Workspace> {
  const packages = await getPackages(cwd);
  const config = await readConfig(cwd, packages);
  const published = packages.packages
    .filter((p) => !p.packageJson.private && !config.ignore.includes(p.packageJson.name))
    .map((p) => p.packageJson.name)
    .sort();
  return { config, published };
}

/** Published packages with files changed since `base` (working tree included), per `changedFilePatterns`. */
export async function changedPublishedPackages(cwd: string, base: string, ws: Workspace): Promise<string[]> {
  const changed = await getChangedPackagesSinceRef({
    cwd,
    ref: base,
    changedFilePatterns: ws.config.changedFilePatterns,
  });
  return changed
    .map((p) => p.packageJson.name)
    .filter((name) => ws.published.includes(name))
    .sort();
}

export interface PlannedRelease {
  /** Packages named (with a bump other than `none`) by changesets added since `base`. */
  named: Set<string>;
  /** The bump each package will get, after `fixed`/`linked` groups are applied. */
  bumps: Map<string, VersionType>;
  changesets: string[];
}

export async function plannedRelease(cwd: string, base: string, ws: Workspace): Promise<PlannedRelease> {
  const plan = await getReleasePlan(cwd, base, ws.config);
  const named = new Set(
    plan.changesets.flatMap((c) => c.releases.filter((r) => r.type !== "none").map((r) => r.name)),
  );
  const bumps = new Map(plan.releases.map((r) => [r.name, r.type] as const));
  return { named, bumps, changesets: plan.changesets.map((c) => c.id) };
}
