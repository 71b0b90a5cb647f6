// What a published manifest must say before `changeset publish` may run: where its source lives (npm
// refuses a provenance statement whose repository does not match `repository.url`), where to read about
// it and report bugs, its license, and that it is published publicly with provenance.

/** The repository every published package is built from; `repository.url` must name it. */
export const REPOSITORY = "https://github.com/orgadmin/orgadmin";

export interface Manifest {
  name?: string;
  license?: string;
  repository?: { type?: string; url?: string; directory?: string } | string;
  homepage?: string;
  bugs?: { url?: string } | string;
  files?: string[];
  publishConfig?: { access?: string; provenance?: boolean };
}

/** `git+https://host/owner/name.git` → `https://host/owner/name`, as npm compares them. */
export function normalizeRepositoryUrl(url: string): string {
  return url
    .replace(/^git\+/, "")
    .replace(/\.git$/, "")
    .replace(/\/$/, "");
}

/**
 * Problems with one published manifest, empty when it is ready. `directory` is the package's folder in
 * the repository; `repository` is the one the publishing run builds (in CI: `$GITHUB_SERVER_URL/$GITHUB_REPOSITORY`).
 */
export function manifestProblems(
  manifest: Manifest,
  directory: string,
  repository: string = REPOSITORY,
): string[] {
  const problems: string[] = [];
  const name = manifest.name ?? directory;
  const repo = typeof manifest.repository === "string" ? { url: manifest.repository } : manifest.repository;
  if (repo?.type !== "git") problems.push(`${name}: repository.type is not "git"`);
  if (!repo?.url) problems.push(`${name}: no repository.url (provenance is refused without one)`);
  else if (normalizeRepositoryUrl(repo.url) !== normalizeRepositoryUrl(repository))
    problems.push(`${name}: repository.url ${repo.url} is not ${repository} (provenance would be refused)`);
  if (repo?.directory !== directory)
    problems.push(`${name}: repository.directory is ${repo?.directory ?? "missing"}, not ${directory}`);
  if (!manifest.homepage?.startsWith(`${normalizeRepositoryUrl(repository)}/`))
    problems.push(`${name}: homepage is not a page of ${repository}`);
  const bugs = typeof manifest.bugs === "string" ? manifest.bugs : manifest.bugs?.url;
  if (bugs !== `${normalizeRepositoryUrl(repository)}/issues`)
    problems.push(`${name}: bugs.url is not ${repository}/issues`);
  if (manifest.license !== "MIT") problems.push(`${name}: license is not MIT`);
  for (const file of ["README.md", "LICENSE"])
    if (!manifest.files?.includes(file)) problems.push(`${name}: files does not list ${file}`);
  if (manifest.publishConfig?.access !== "public")
    problems.push(`${name}: publishConfig.access is not public`);
  if (manifest.publishConfig?.provenance !== true)
    problems.push(`${name}: publishConfig.provenance is not true`);
  return problems;
}
