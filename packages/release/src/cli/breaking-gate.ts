import { checkBreaking } from "../breaking-gate.js";
import { RULES } from "../classify.js";
import { gateContext } from "./args.js";

const { cwd, base, why } = await gateContext();
const result = await checkBreaking(cwd, base);
console.log(`breaking-change gate: spec/ at ${base} (${why}) → working tree`);
for (const level of ["breaking", "minor", "patch"] as const) {
  const changes = result.changes.filter((c) => c.level === level);
  if (changes.length === 0) continue;
  console.log(`\n${level} (${changes.length})`);
  for (const c of changes) {
    console.log(`  [${c.api}] ${RULES[c.rule].summary}: ${c.where}${c.detail ? ` (${c.detail})` : ""}`);
  }
}
const planned = Object.entries(result.planned)
  .map(([name, bump]) => `${name} ${bump}`)
  .join(", ");
console.log(`\nrequired bump: ${result.required}; changesets give: ${planned}`);
if (!result.ok) {
  console.error(
    `✗ ${result.short.join(", ")} need a ${result.required} changeset for these contract changes. ` +
      "Add one with `pnpm changeset`, or undo the change.",
  );
  process.exitCode = 1;
} else console.log("✓ the changesets cover the contract changes");
