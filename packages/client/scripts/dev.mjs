// `pnpm dev`, client side: when the spec's loop writes an API's bundle, regenerate that API's types
// (in this process, once per bundle), so client code type-checks against the edit at once.
import { mkdirSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { API_NAMES, bundlePath } from "@orgadmin/spec/contract";
import { watch } from "chokidar";
import { generateFrom } from "./generate-api.mjs";

// The tests and the bench point the loop at a scratch copy of spec/ and of the generated folder.
const distDir = process.env.ORGADMIN_DEV_SPEC_DIR
  ? join(resolve(process.env.ORGADMIN_DEV_SPEC_DIR), "dist")
  : dirname(bundlePath(API_NAMES[0]));
const outDir = resolve(
  process.env.ORGADMIN_DEV_GENERATED_DIR || join(import.meta.dirname, "../src/generated"),
);
const say = (line) => console.log(`[client] ${line}`);
const stamp = (file) => {
  const stats = statSync(file, { throwIfNoEntry: false });
  return stats ? `${stats.ino}:${stats.mtimeMs}:${stats.size}` : "missing";
};

// Per API: the generation running (and whether another bundle landed meanwhile), and the bundle
// (inode, time, size) last generated from: the watcher may report one rename twice.
const running = new Map();
const generatedFrom = new Map();
async function regenerate(api) {
  if (running.has(api)) return running.set(api, true);
  const bundle = join(distDir, `${api}.json`);
  for (running.set(api, true); running.get(api); ) {
    running.set(api, false);
    if (stamp(bundle) === generatedFrom.get(api)) continue;
    generatedFrom.set(api, stamp(bundle));
    try {
      await generateFrom(bundle, outDir);
      say(`${api} types regenerated (${new Date().toTimeString().slice(0, 8)})`);
    } catch (error) {
      // The spec side reports spec problems; this only says the types stayed as they were.
      say(`${api} types not regenerated: ${error.message.split("\n")[0]}`);
    }
  }
  running.delete(api);
}

// The bundle is written by rename (a temp file, then renamed over): watching the folder sees every
// one, including the first. The temp files do not end in .json.
mkdirSync(distDir, { recursive: true });
const watcher = watch(distDir, { depth: 0, ignoreInitial: true, cwd: distDir });
watcher.on("all", (event, path) => {
  const api = basename(path, ".json");
  if (path.endsWith(".json") && API_NAMES.includes(api) && (event === "add" || event === "change"))
    regenerate(api);
});
watcher.once("ready", () => {
  say(`regenerating ${outDir} when ${distDir}/<api>.json changes`);
  // A bundle written before this watcher was ready is caught up with here.
  const mtime = (file) => statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? -1;
  for (const api of API_NAMES)
    if (mtime(join(distDir, `${api}.json`)) > mtime(join(outDir, `${api}.ts`))) regenerate(api);
});
