// Run by the release workflow before `changeset publish`: provenance cannot be tried before the real
// publish, so its preconditions are checked here against the repository the workflow runs in.
import { git } from "../git.js";
import { REPOSITORY } from "../manifests.js";
import { publishProblems } from "../published.js";

const cwd = await git(process.cwd(), ["rev-parse", "--show-toplevel"]);
const { GITHUB_SERVER_URL, GITHUB_REPOSITORY } = process.env;
const repository =
  GITHUB_SERVER_URL && GITHUB_REPOSITORY ? `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}` : REPOSITORY;
const problems = await publishProblems(cwd, repository);
console.log(`publish check: manifests against ${repository}`);
for (const problem of problems) console.error(`  ✗ ${problem}`);
if (problems.length > 0) process.exitCode = 1;
else console.log("✓ every published manifest is ready for a publish with provenance");
