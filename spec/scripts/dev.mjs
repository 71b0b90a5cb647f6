// The designer loop (`pnpm dev`): a mock for each API on its port; a save re-bundles and re-lints,
// in this process, only the API it belongs to, writes that bundle and has that API's mock serve it.
// The client's `dev` regenerates that API's types from the new bundle.
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, sep } from "node:path";
import { installCleanupOnExit, startReloadableMock } from "@orgadmin/prism";
import { bundle, formatProblem, loadRedocly, writeDocument } from "@orgadmin/redocly";
import { watch } from "chokidar";
import { API_NAMES as names, SOURCES } from "./apis.mjs";

// ORGADMIN_DEV_SPEC_DIR points the loop at another copy of spec/ (the tests and the bench use one).
const specDir = resolve(process.env.ORGADMIN_DEV_SPEC_DIR || join(import.meta.dirname, ".."));
const portOf = (name, i) => Number(process.env[`ORGADMIN_MOCK_${name.toUpperCase()}_PORT`] || 4010 + i);
const logDir = mkdtempSync(join(tmpdir(), "orgadmin-dev-"));
const say = (line) => console.log(`[dev] ${line}`);
const clock = (date = new Date()) => date.toTimeString().slice(0, 8);
const dist = (name, ext) => join(specDir, "dist", `${name}.${ext}`);
const read = (file) => (statSync(file, { throwIfNoEntry: false }) ? readFileSync(file, "utf8") : null);

/** Per API: its mock and port, when its last good bundle was made, whether it is red, what it last read. */
const state = Object.fromEntries(
  names.map((name, i) => [
    name,
    { port: portOf(name, i), mock: null, goodAt: null, red: false, digest: null },
  ]),
);

/**
 * One digest of everything a rebuild of `name` reads. A watcher may report one save twice; the
 * second finds the same digest and is not rebuilt, so no problem is reported twice.
 */
function digest(name) {
  const hash = createHash("sha1");
  const visit = (rel) => {
    const path = join(specDir, rel);
    if (!statSync(path, { throwIfNoEntry: false })?.isDirectory()) hash.update(`${rel}\0${read(path)}\0`);
    else for (const entry of readdirSync(path).sort()) visit(`${rel}/${entry}`);
  };
  for (const rel of [name, "plugins", "redocly.yaml"]) visit(rel);
  return hash.digest("hex");
}

let redocly = await loadRedocly(specDir);

/** Bundles and lints one API; when it bundles, writes the bundle and has the mock serve it. */
async function rebuild(name) {
  const api = state[name];
  const sources = digest(name);
  if (sources === api.digest) return say(`${name}: no change since its last rebuild`);
  api.digest = sources;
  let problems = [];
  let served = "untouched";
  try {
    const result = await bundle(redocly, `${name}/openapi.yaml`, { lint: true });
    problems = result.problems;
    if (
      result.document &&
      api.goodAt &&
      read(dist(name, "json")) === `${JSON.stringify(result.document, null, 2)}\n`
    ) {
      served = "same";
    } else if (result.document) {
      for (const ext of ["yaml", "json"]) await writeDocument(result.document, dist(name, ext));
      served = await serve(name);
    } else if (!api.mock && read(dist(name, "json")) !== null) {
      // Started on a spec that does not bundle: serve the bundle a previous run or build left.
      await serve(name, statSync(dist(name, "json")).mtime);
    }
  } catch (error) {
    // A spec error, not a bug of this script: its message is the news, not its stack.
    problems.push({ where: "(no location)", severity: "error", rule: "redocly", message: error.message });
  }
  report(name, problems, served);
}

/** Has the mock of `name` serve its bundle (made at `madeAt`): "reloaded", or "failed: <why>". */
async function serve(name, madeAt = new Date()) {
  const api = state[name];
  try {
    let verb = "reloaded";
    if (api.mock) await api.mock.reload();
    else {
      const logFile = join(logDir, `${name}-mock.log`);
      api.mock = await startReloadableMock({ spec: dist(name, "json"), port: api.port, logFile });
      verb = `started on ${api.mock.url} (pid ${api.mock.pid}, log ${logFile})`;
    }
    api.goodAt = clock(madeAt);
    say(`${name} mock: ${verb} (${api.goodAt})`);
    return "reloaded";
  } catch (error) {
    return `failed: ${error.message.split("\n")[0]}`;
  }
}

function report(name, problems, served) {
  const api = state[name];
  if (problems.length > 0) say(`${name}: ${problems.length} problem${problems.length === 1 ? "" : "s"}`);
  for (const problem of problems) console.log(`  ${formatProblem(problem)}`);
  if (served === "same") say(`${name} mock: serves this save (the same bundle as at ${api.goodAt})`);
  else if (served !== "reloaded") {
    const why =
      served === "untouched" ? "the spec does not bundle" : `Prism refused the bundle (${served.slice(8)})`;
    say(
      api.goodAt
        ? `${name} mock: still serving the last good bundle (${api.goodAt}): ${why}`
        : `${name} mock: not started: ${why}; it starts with the first save that bundles`,
    );
  }
  const green = !problems.some((p) => p.severity === "error") && (served === "reloaded" || served === "same");
  if (green) say(api.red ? `${name}: green again: bundles and lints clean` : `${name}: lint clean`);
  api.red = !green;
}

// One rebuild at a time; saves during a rebuild are picked up right after it.
const pending = new Set(names);
let configChanged = false;
let running = null;
function schedule() {
  running ??= (async () => {
    while (pending.size > 0 || configChanged) {
      if (configChanged) {
        configChanged = false;
        redocly = await loadRedocly(specDir).catch((error) => {
          say(`redocly.yaml: ${error.message} (the previous configuration stays in use)`);
          return redocly;
        });
      }
      const batch = [...pending];
      pending.clear();
      // Different APIs share nothing: rebuild them side by side.
      await Promise.all(batch.map(rebuild));
    }
    running = null;
  })();
  return running;
}

function saved(paths) {
  say(`saved: ${[...paths].sort().join(", ")}`);
  for (const path of paths) {
    const top = path.split("/")[0];
    if (top === "plugins") say(`${path}: a lint plugin edit takes effect when \`pnpm dev\` restarts`);
    if (names.includes(top)) pending.add(top);
    else {
      configChanged = true;
      for (const name of names) pending.add(name);
    }
  }
  schedule();
}

// chokidar, not fs.watch: it follows a file an editor replaces (write a temp file, rename it over)
// or git re-creates, and sees new folders. A burst of events (a checkout, a formatter run) is one
// change, reported once it has been quiet for QUIET_MS.
const QUIET_MS = 40;
const SOURCE = /\.(ya?ml|json|m?js)$/;
const watcher = watch(SOURCES, {
  cwd: specDir,
  ignoreInitial: true,
  ignored: (path, stats) => stats?.isFile() === true && !SOURCE.test(path),
});
let burst = new Set();
let quiet;
watcher.on("all", (_event, path) => {
  burst.add(path.split(sep).join("/"));
  clearTimeout(quiet);
  quiet = setTimeout(() => {
    const paths = burst;
    burst = new Set();
    saved(paths);
  }, QUIET_MS);
});
await new Promise((ready, fail) => watcher.once("ready", ready).once("error", fail));

installCleanupOnExit();
await schedule();
say(`watching ${specDir} for saves (Ctrl-C stops)`);
for (const name of names)
  say(`try: curl -H 'Authorization: Bearer dev' ${state[name].mock?.url ?? "(not started)"}`);

async function stop() {
  await watcher.close();
  await Promise.all(names.map((name) => state[name].mock?.stop()));
  say("stopped; both mocks ended");
  process.exit(0);
}
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
