// Run by the root `version` script right after `changeset version`: writes the contract changes since the
// last release into the new CHANGELOG entry of each contract package (`@orgadmin/spec`, `@orgadmin/client`).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { insertApiChanges, renderApiChanges } from "../api-changelog.js";
import { CONTRACT_PACKAGES, contractChanges } from "../breaking-gate.js";
import { git, lastRelease } from "../git.js";
import { publishedPackages } from "../published.js";

const cwd = await git(process.cwd(), ["rev-parse", "--show-toplevel"]);
const base = await lastRelease(cwd);
const changes = base.firstCommit ? [] : await contractChanges(cwd, base.ref);
const section = renderApiChanges(changes, base.firstCommit);
console.log(`api changelog: spec/ at ${base.ref} (${base.why}) → working tree: ${changes.length} change(s)`);

const packages = await publishedPackages(cwd);
for (const name of CONTRACT_PACKAGES) {
  const pkg = packages.find((p) => p.name === name);
  if (!pkg) throw new Error(`${name} is not a published package of this workspace`);
  const version = (
    JSON.parse(readFileSync(join(cwd, pkg.directory, "package.json"), "utf8")) as { version: string }
  ).version;
  const released = (
    JSON.parse(await git(cwd, ["show", `HEAD:${pkg.directory}/package.json`])) as { version: string }
  ).version;
  // Only the entry this `changeset version` run wrote; an older entry is never rewritten.
  if (version === released) {
    console.log(`  ${name}: still ${version}, no new entry`);
    continue;
  }
  const path = join(cwd, pkg.directory, "CHANGELOG.md");
  const before = readFileSync(path, "utf8");
  const after = insertApiChanges(before, version, section);
  writeFileSync(path, after);
  console.log(
    `  ${name} ${version}: ${after === before ? "entry already lists the API changes" : "API changes written"}`,
  );
}
