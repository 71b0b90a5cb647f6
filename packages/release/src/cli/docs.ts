// `pnpm docs`: writes the generated rule tables into the guides under docs/. With --check, changes
// nothing and exits non-zero when a committed guide differs from what the code says.
import { readFileSync, writeFileSync } from "node:fs";
import { relative } from "node:path";
import { git } from "../git.js";
import { generatedGuides, regenerate } from "../rule-tables.js";

const check = process.argv.includes("--check");
const root = await git(process.cwd(), ["rev-parse", "--show-toplevel"]);
let stale = 0;
for (const { file, blocks } of generatedGuides(root)) {
  const text = readFileSync(file, "utf8");
  const updated = regenerate(text, blocks);
  if (updated === text) continue;
  stale++;
  if (check) console.error(`${relative(root, file)}: its generated tables are out of date (run pnpm docs)`);
  else {
    writeFileSync(file, updated);
    console.log(`updated ${relative(root, file)}`);
  }
}
if (check && stale > 0) process.exit(1);
