// Bundles each API registered in redocly.yaml into dist/<api>.{yaml,json} and renders
// dist/docs/<api>.html. These single files are what Prism, the generator and the package use.
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const specDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const redocly = join(specDir, "node_modules", ".bin", "redocly");
const env = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" };

/** API alias in redocly.yaml → output name. */
export const apis = { "enterprise@v2": "enterprise", "organizations@v1": "organizations" };

function run(args) {
  const result = spawnSync(redocly, args, { cwd: specDir, env, encoding: "utf8" });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error(`redocly ${args.join(" ")} failed with exit code ${result.status}`);
  }
}

mkdirSync(join(specDir, "dist", "docs"), { recursive: true });
// Files are overwritten in place (never removed first) so a running `pnpm dev` mock never
// sees a missing document.
const withDocs = !process.argv.includes("--no-docs");
for (const [alias, name] of Object.entries(apis)) {
  run(["bundle", alias, "--output", `dist/${name}.yaml`]);
  run(["bundle", alias, "--output", `dist/${name}.json`]);
  // Self-contained (no script from a CDN) and showing the permission extension on each operation.
  if (withDocs)
    run([
      "build-docs",
      `dist/${name}.yaml`,
      "--output",
      `dist/docs/${name}.html`,
      "--inlineBundle",
      "--openapi.showExtensions=x-orgadmin-permission",
    ]);
  console.log(`bundled ${alias} → dist/${name}.{yaml,json}${withDocs ? `, dist/docs/${name}.html` : ""}`);
}
