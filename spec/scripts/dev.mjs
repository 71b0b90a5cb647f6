// The designer loop (`pnpm dev`): a mock for each API on its documented port; a save re-bundles and
// re-lints only the API it belongs to, in this process, writes that bundle atomically and has that
// API's mock serve it. The client's `dev` regenerates that API's types from the new bundle.
import { createHash } from "node:crypto";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { installCleanupOnExit, startReloadableMock } from "@orgadmin/prism";
import { stringifyYaml } from "@redocly/openapi-core";
import { watchSpec } from "./dev-watch.mjs";
import { apis, bundleApi, describeProblems, lintApi, loadRedocly } from "./redocly-api.mjs";

// ORGADMIN_DEV_SPEC_DIR points the loop at another copy of spec/ (the tests and the bench use one).
const specDir = resolve(
  process.env.ORGADMIN_DEV_SPEC_DIR || join(dirname(fileURLToPath(import.meta.url)), ".."),
);
const ports = {
  enterprise: Number(process.env.ORGADMIN_MOCK_ENTERPRISE_PORT || 4010),
  organizations: Number(process.env.ORGADMIN_MOCK_ORGANIZATIONS_PORT || 4011),
};
const aliasOf = Object.fromEntries(Object.entries(apis).map(([alias, name]) => [name, alias]));
const names = Object.values(apis);
const logDir = mkdtempSync(join(tmpdir(), "orgadmin-dev-"));

const say = (line) => console.log(`[dev] ${line}`);
const clock = (date = new Date()) => date.toTimeString().slice(0, 8);

/**
 * Per API: its mock, when its last good bundle was made, whether the last save was red, and the
 * digest of the sources its last rebuild read.
 */
const state = Object.fromEntries(
  names.map((name) => [name, { mock: null, goodAt: null, red: false, digest: null }]),
);

/**
 * One digest of everything a rebuild of `name` reads: its folder, the lint plugins, redocly.yaml.
 * A watcher may report one save twice (on a busy machine the two events can fall into two bursts);
 * the second finds the same digest and is not rebuilt, so no problem is reported twice.
 */
function sourcesDigest(name) {
  const hash = createHash("sha1");
  const visit = (rel) => {
    let entries;
    try {
      entries = readdirSync(join(specDir, rel), { withFileTypes: true });
    } catch {
      hash.update(`${rel}\0${readOrNull(join(specDir, rel))}\0`);
      return;
    }
    for (const entry of entries.map((e) => e.name).sort()) visit(`${rel}/${entry}`);
  };
  for (const rel of [name, "plugins", "redocly.yaml"]) visit(rel);
  return hash.digest("hex");
}

function writeAtomic(file, text) {
  // Readers (the mock, the client generator) see the old file or the new one, never half of one.
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, file);
}

function distFile(name, ext) {
  return join(specDir, "dist", `${name}.${ext}`);
}

mkdirSync(join(specDir, "dist"), { recursive: true });
let redocly = await loadRedocly(specDir);

/** Bundles and lints one API; when it bundles, writes the bundle and has the mock serve it. */
async function rebuild(name) {
  const api = state[name];
  const alias = aliasOf[name];
  const digest = sourcesDigest(name);
  if (digest === api.digest) {
    say(`${name}: no change since its last rebuild`);
    return;
  }
  api.digest = digest;
  let problems = [];
  let served = "untouched";
  try {
    const bundled = await bundleApi(redocly, alias);
    problems = bundled.problems;
    if (bundled.document) {
      const json = `${JSON.stringify(bundled.document, null, 2)}\n`;
      if (readOrNull(distFile(name, "json")) === json && api.goodAt) {
        served = "same";
      } else {
        writeAtomic(distFile(name, "yaml"), stringifyYaml(bundled.document, { noRefs: true }));
        writeAtomic(distFile(name, "json"), json);
        served = await serve(name);
      }
    } else if (!api.mock && readOrNull(distFile(name, "json")) !== null) {
      // Started on a spec that does not bundle: serve the bundle a previous run or build left.
      await serve(name, new Date(statSync(distFile(name, "json")).mtime));
      served = "untouched";
    }
    problems = problems.concat(await lintApi(redocly, alias));
  } catch (error) {
    // A spec error, not a bug of this script: its message is the news, not its stack.
    problems.push({ message: error.message, ruleId: "redocly", severity: "error", location: [] });
  }
  report(name, describeProblems(problems, specDir), served);
}

/** Has the mock of `name` serve its bundle (written at `madeAt`): "reloaded", or "failed: <why>". */
async function serve(name, madeAt = new Date()) {
  const api = state[name];
  try {
    let verb = "reloaded";
    if (api.mock) await api.mock.reload();
    else {
      api.mock = await startReloadableMock({
        spec: distFile(name, "json"),
        port: ports[name],
        logFile: join(logDir, `${name}-mock.log`),
      });
      verb = `started on ${api.mock.url} (pid ${api.mock.pid}, log ${api.mock.logFile})`;
    }
    api.goodAt = clock(madeAt);
    say(`${name} mock: ${verb} (${api.goodAt})`);
    return "reloaded";
  } catch (error) {
    return `failed: ${error.message.split("\n")[0]}`;
  }
}

function report(name, lines, served) {
  const api = state[name];
  const errors = lines.filter((line) => line.includes("  error  ")).length;
  if (lines.length > 0) {
    say(`${name}: ${lines.length} problem${lines.length === 1 ? "" : "s"}`);
    for (const line of lines) console.log(`  ${line}`);
  }
  if (served === "same") say(`${name} mock: serves this save (the same bundle as at ${api.goodAt})`);
  if (served !== "reloaded" && served !== "same") {
    const why =
      served === "untouched" ? "the spec does not bundle" : `Prism refused the bundle (${served.slice(8)})`;
    say(
      api.goodAt
        ? `${name} mock: still serving the last good bundle (${api.goodAt}): ${why}`
        : `${name} mock: not started: ${why}; it starts with the first save that bundles`,
    );
  }
  const green = errors === 0 && (served === "reloaded" || served === "same");
  if (green) say(api.red ? `${name}: green again: bundles and lints clean` : `${name}: lint clean`);
  api.red = !green;
}

function readOrNull(file) {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null;
  }
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
        try {
          redocly = await loadRedocly(specDir);
        } catch (error) {
          say(`redocly.yaml: ${error.message} (the previous configuration stays in use)`);
        }
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

installCleanupOnExit();
const watcher = await watchSpec(specDir, (paths) => {
  say(`saved: ${[...paths].sort().join(", ")}`);
  for (const path of paths) {
    const top = path.split("/")[0];
    if (top === "plugins")
      say(
        `${path}: a lint plugin edit takes effect when \`pnpm dev\` restarts (Node 20 loads an ES module once)`,
      );
    if (names.includes(top)) pending.add(top);
    else {
      configChanged = true;
      for (const name of names) pending.add(name);
    }
  }
  schedule();
});
await schedule();
say(`watching ${specDir} for saves (Ctrl-C stops)`);
say(`try: curl -H 'Authorization: Bearer dev' http://127.0.0.1:${ports.enterprise}/members`);
say(`     curl -H 'Authorization: Bearer dev' http://127.0.0.1:${ports.organizations}/v1/organizations`);

async function stop() {
  await watcher.close();
  await Promise.all(names.map((name) => state[name].mock?.stop()));
  say("stopped; both mocks ended");
  process.exit(0);
}
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
