import { checkChangesets } from "../changeset-gate.js";
import { gateContext } from "./args.js";

const { cwd, base, why } = await gateContext();
const result = await checkChangesets(cwd, base);
console.log(`changeset gate: base ${base} (${why})`);
console.log(`  changed published packages: ${result.changed.join(", ") || "none"}`);
console.log(`  changesets since base: ${result.changesets.join(", ") || "none"}`);
if (!result.ok) {
  console.error(
    `✗ no changeset names ${result.missing.join(", ")}. Run \`pnpm changeset\` and commit the file.`,
  );
  process.exitCode = 1;
} else console.log("✓ every changed published package is named by a changeset");
