// `pnpm dev`, client side: when the spec's loop writes an API's bundle, regenerate that API's types
// (in this process, once per bundle), so client code type-checks against the edit at once.
import { mkdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { API_NAMES as apis } from "@orgadmin/spec/contract";
import { watch } from "chokidar";
import { generateFrom } from "./generate-api.mjs";

const here = dirname(fileURLToPath(import.meta.url));
// The tests and the bench point the loop at a scratch copy of spec/ and of the generated folder.
const distDir = join(resolve(process.env.ORGADMIN_DEV_SPEC_DIR || join(here, "../../../spec")), "dist");
const outDir = resolve(process.env.ORGADMIN_DEV_GENERATED_DIR || join(here, "../src/generated"));

const say = (line) => console.log(`[client] ${line}`);
const clock = () => new Date().toTimeString().slice(0, 8);

// Per API: a generation running, and whether another bundle landed meanwhile.
const busy = new Map();
// Per API: the bundle file (inode, time, size) last generated from. The watcher may report one
// rename twice; a bundle is generated from once.
const generatedFrom = new Map();
async function regenerate(api) {
  if (busy.has(api)) {
    busy.set(api, true);
    return;
  }
  busy.set(api, false);
  do {
    busy.set(api, false);
    const bundle = identity(join(distDir, `${api}.json`));
    if (bundle === generatedFrom.get(api)) continue;
    generatedFrom.set(api, bundle);
    try {
      await generateFrom(join(distDir, `${api}.json`), outDir);
      say(`${api} types regenerated (${clock()})`);
    } catch (error) {
      // The spec side reports spec problems; this only says the types stayed as they were.
      say(`${api} types not regenerated: ${error.message.split("\n")[0]}`);
    }
  } while (busy.get(api));
  busy.delete(api);
}

// The bundle is written by rename (temp file, then rename over): watching the folder sees every
// one, including the first. The temp files do not end in .json.
const bundles = new Map(apis.map((api) => [`${api}.json`, api]));
mkdirSync(distDir, { recursive: true });
const watcher = watch(distDir, { depth: 0, ignoreInitial: true, cwd: distDir });
watcher.on("all", (event, path) => {
  const api = bundles.get(path);
  if (api && (event === "add" || event === "change")) regenerate(api);
});
watcher.once("ready", () => {
  say(`regenerating ${outDir} when ${distDir}/<api>.json changes`);
  // A bundle written before this watcher was ready is caught up with here.
  for (const api of apis)
    if (mtime(join(distDir, `${api}.json`)) > mtime(join(outDir, `${api}.ts`))) regenerate(api);
});

function identity(file) {
  try {
    const { ino, mtimeMs, size } = statSync(file);
    return `${ino}:${mtimeMs}:${size}`;
  } catch {
    return "missing";
  }
}

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}
