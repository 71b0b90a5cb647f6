// Lints every API registered in redocly.yaml; prints file:line:col for each problem, exits non-zero on any.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const specDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = ["lint", "--max-problems=1000", ...process.argv.slice(2)];
const result = spawnSync(join(specDir, "node_modules", ".bin", "redocly"), args, {
  cwd: specDir,
  stdio: "inherit",
  env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
});
process.exit(result.status ?? 1);
