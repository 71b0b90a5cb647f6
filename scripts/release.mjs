// `pnpm release:check`, `release:breaking`, `release:publish-check`, `docs`: builds the release package
// through turbo (from its cache when nothing changed; turbo's output only when the build fails),
// then runs the command in this process, so its own message is what a maintainer reads.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const root = resolve(import.meta.dirname, "..");
const [command, ...args] = process.argv.slice(2);
const build = spawnSync(
  resolve(root, "node_modules", ".bin", "turbo"),
  ["run", "build", "--filter=@orgadmin/release", "--output-logs=errors-only"],
  { cwd: root, encoding: "utf8" },
);
if (build.status !== 0) {
  process.stdout.write(build.stdout + build.stderr);
  process.exit(build.status ?? 1);
}
process.argv = [process.argv[0] ?? "node", command ?? "", ...args];
await import(pathToFileURL(resolve(root, "packages", "release", "dist", "cli", `${command}.js`)).href);
