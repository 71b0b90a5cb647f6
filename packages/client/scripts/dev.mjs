// `pnpm dev`, client side: regenerate the types whenever the spec's dev loop re-bundles, so an edit
// in spec/ shows up in the editor's type checking of client code at once.
import { spawnSync } from "node:child_process";
import { watchFile } from "node:fs";
import { fileURLToPath } from "node:url";

const generate = fileURLToPath(new URL("./generate.mjs", import.meta.url));
const bundles = ["enterprise", "organizations"].map((api) =>
  fileURLToPath(new URL(`../../../spec/dist/${api}.json`, import.meta.url)),
);

let timer;
function regenerate() {
  clearTimeout(timer);
  // Both bundles are rewritten in one go; wait for the pair before generating.
  timer = setTimeout(() => {
    const result = spawnSync(process.execPath, [generate], { stdio: "inherit" });
    if (result.status !== 0)
      console.error("[client] generation failed (above); fix the spec and save again.");
  }, 300);
}

// watchFile polls, so it also works before the spec's first bundle exists.
for (const file of bundles)
  watchFile(file, { interval: 250 }, (now, before) => {
    if (now.mtimeMs !== before.mtimeMs) regenerate();
  });
console.log("[client] regenerating src/generated/ when spec/dist changes");
