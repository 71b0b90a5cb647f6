import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { VersionType } from "@changesets/types";
import { bundleSpecs, extractAt } from "./bundle.js";
import { plannedRelease, readWorkspace } from "./changesets.js";
import { type Change, classify, requiredBump } from "./classify.js";

/** The packages whose version tells consumers about the contract: both carry the generated types. */
export const CONTRACT_PACKAGES = ["@orgadmin/spec", "@orgadmin/client"] as const;

const RANK: Record<VersionType | "none", number> = { none: 0, patch: 1, minor: 2, major: 3 };

export interface BreakingGateResult {
  ok: boolean;
  changes: Array<Change & { api: string }>;
  required: VersionType | "none";
  /** The bump each contract package gets from the changesets since the base. */
  planned: Record<string, VersionType | "none">;
  /** Contract packages whose planned bump is below the required one. */
  short: string[];
}

/**
 * Bundles `spec/` at `base` and in the working tree, classifies the differences per API and fails when the
 * changesets since `base` bump `@orgadmin/spec` or `@orgadmin/client` less than the contract change needs.
 */
export async function checkBreaking(cwd: string, base: string): Promise<BreakingGateResult> {
  const changes = await contractChanges(cwd, base);
  const required = requiredBump(changes);
  const release = await plannedRelease(cwd, base, await readWorkspace(cwd));
  const planned = Object.fromEntries(
    CONTRACT_PACKAGES.map((name) => [name, release.bumps.get(name) ?? "none"]),
  );
  const short = CONTRACT_PACKAGES.filter((name) => RANK[planned[name] ?? "none"] < RANK[required]);
  return { ok: short.length === 0, changes, required, planned, short };
}

/** Every classified difference between `spec/` at `base` and in the working tree, per API (sorted by API). */
export async function contractChanges(cwd: string, base: string): Promise<Array<Change & { api: string }>> {
  const scratch = await mkdtemp(join(tmpdir(), "orgadmin-breaking-"));
  try {
    const hasBase = await extractAt(cwd, base, "spec", join(scratch, "base"));
    const before = hasBase
      ? await bundleSpecs(join(scratch, "base", "spec"), join(scratch, "out-base"))
      : new Map();
    const after = await bundleSpecs(join(cwd, "spec"), join(scratch, "out-head"));
    const changes: Array<Change & { api: string }> = [];
    for (const api of [...new Set([...before.keys(), ...after.keys()])].sort()) {
      // A whole API appearing or disappearing compares against an empty document.
      for (const change of classify(before.get(api) ?? {}, after.get(api) ?? {}))
        changes.push({ ...change, api });
    }
    return changes;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
