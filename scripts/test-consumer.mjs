// @ts-check
// `pnpm test:consumer`: examples/consumer-app as a downstream team has it. Packs @orgadmin/spec,
// @orgadmin/client and @orgadmin/sandbox as they would be published, installs the tarballs into the
// app (outside the workspace, plain npm: no workspace link, no path into the monorepo), then runs the
// app's own vitest suite three ways: (a) the client on sandbox.fetch, (b) MSW setupServer in Node,
// (c) MSW setupWorker in Chromium, after type-checking the app. Each run's output is printed as it comes.
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const app = join(root, "examples", "consumer-app");
const tarballs = join(app, ".tarballs");
const PACKAGES = { spec: "spec", client: "packages/client", sandbox: "packages/sandbox" };
const WAYS = [
  ["fetch", "(a) the client on sandbox.fetch"],
  ["msw-node", "(b) MSW setupServer in Node"],
  ["msw-browser", "(c) MSW setupWorker in Chromium"],
];

/**
 * @param {string} command
 * @param {string[]} args
 * @param {string} cwd
 * @returns {Promise<number>}
 */
function run(command, args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      stdio: "inherit",
      env: { ...process.env, NO_COLOR: "1", SCARF_ANALYTICS: "false", npm_config_fund: "false" },
    });
    child.on("error", reject);
    child.on("close", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function must(command, args, cwd) {
  const code = await run(command, args, cwd);
  if (code !== 0) throw new Error(`${command} ${args.join(" ")} exited ${code}`);
}

for (const dir of Object.values(PACKAGES)) {
  if (!existsSync(join(root, dir, dir === "spec" ? "lib" : "dist"))) {
    throw new Error(`${dir} is not built: run pnpm build first`);
  }
}
rmSync(tarballs, { recursive: true, force: true });
mkdirSync(tarballs);
for (const [name, dir] of Object.entries(PACKAGES)) {
  const before = new Set(readdirSync(tarballs));
  await must("pnpm", ["pack", "--pack-destination", tarballs], join(root, dir));
  const made = readdirSync(tarballs).find((f) => !before.has(f));
  if (!made) throw new Error(`pnpm pack made no tarball for ${dir}`);
  // A fixed name, so the app's package.json names it whatever the version.
  renameSync(join(tarballs, made), join(tarballs, `orgadmin-${name}.tgz`));
}
// A fresh copy of the packages every time (npm would keep an earlier tarball's contents).
rmSync(join(app, "node_modules", "@orgadmin"), { recursive: true, force: true });
await must("npm", ["install", "--no-audit", "--no-fund", "--no-package-lock", "--ignore-scripts"], app);
// MSW's service worker, served from the page's origin (vitest serves public/).
copyFileSync(
  join(app, "node_modules", "msw", "lib", "mockServiceWorker.js"),
  join(app, "public", "mockServiceWorker.js"),
);

// The app's code and tests type-check against the installed packages' types.
await must(
  process.execPath,
  [join(app, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"],
  app,
);

const vitest = join(app, "node_modules", "vitest", "vitest.mjs");
const results = [];
for (const [project, title] of WAYS) {
  console.log(`\nconsumer-app ${title}`);
  const code = await run(process.execPath, [vitest, "run", "--project", project], app);
  results.push(`${title}: ${code === 0 ? "passed" : `FAILED (exit ${code})`}`);
}
console.log(`\nconsumer-app:\n  ${results.join("\n  ")}`);
process.exitCode = results.some((r) => r.includes("FAILED")) ? 1 : 0;
