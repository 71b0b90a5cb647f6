// Watches the spec sources for `pnpm dev` and reports each burst of changes once.
//
// chokidar rather than fs.watch: fs.watch follows an inode, so after an editor's safe-write (write a
// temp file, rename it over) or a `git checkout` (delete, re-create) it no longer sees that file;
// and `recursive` does not pick up new folders everywhere. chokidar re-attaches to replaced files
// and new folders and reports a delete followed by a re-create as one change. Version 5 is the last
// that runs on Node 20 (6 needs Node 22).
import { relative, sep } from "node:path";
import { watch } from "chokidar";
import { SOURCES } from "./apis.mjs";

/** Quiet time after the last event before a burst (a branch switch, a formatter run) is reported. */
const QUIET_MS = 40;

/** Editor droppings: swap, backup and temp files that a save creates beside the real one. */
const SOURCE = /\.(ya?ml|json|m?js)$/;

/**
 * Calls `onChange(paths)` with the spec-relative paths ('/'-separated) that changed in one burst.
 * Resolves once the watcher has seen the current tree, so no later save can be missed.
 */
export async function watchSpec(specDir, onChange) {
  const watcher = watch(SOURCES, {
    cwd: specDir,
    ignoreInitial: true,
    ignored: (path, stats) => stats?.isFile() === true && !SOURCE.test(path),
  });
  let burst = new Set();
  let timer;
  watcher.on("all", (_event, path) => {
    burst.add(relative(specDir, `${specDir}/${path}`).split(sep).join("/"));
    clearTimeout(timer);
    timer = setTimeout(() => {
      const paths = burst;
      burst = new Set();
      onChange(paths);
    }, QUIET_MS);
  });
  await new Promise((resolve, reject) => {
    watcher.once("ready", resolve);
    watcher.once("error", reject);
  });
  return { close: () => watcher.close() };
}
