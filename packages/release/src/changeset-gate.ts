import { changedPublishedPackages, plannedRelease, readWorkspace } from "./changesets.js";

export interface ChangesetGateResult {
  ok: boolean;
  changed: string[];
  missing: string[];
  changesets: string[];
}

/** Fails when a published package (`spec/` is `@orgadmin/spec`) changed since `base` and no changeset names it. */
export async function checkChangesets(cwd: string, base: string): Promise<ChangesetGateResult> {
  const ws = await readWorkspace(cwd);
  const changed = await changedPublishedPackages(cwd, base, ws);
  const plan = await plannedRelease(cwd, base, ws);
  const missing = changed.filter((name) => !plan.named.has(name));
  return { ok: missing.length === 0, changed, missing, changesets: plan.changesets };
}
