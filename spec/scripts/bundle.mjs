// Bundles each API registered in redocly.yaml into dist/<api>.{yaml,json} and renders
// dist/docs/<api>.html. These single files are what Prism, the generator and the package use.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { withoutRemoteAssets } from "./offline-docs.mjs";

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
// Redocly renders into a scratch folder; only the finished page is written into dist/.
const scratch = mkdtempSync(join(tmpdir(), "orgadmin-docs-"));
process.on("exit", () => rmSync(scratch, { recursive: true, force: true }));
for (const [alias, name] of Object.entries(apis)) {
  run(["bundle", alias, "--output", `dist/${name}.yaml`]);
  run(["bundle", alias, "--output", `dist/${name}.json`]);
  // Self-contained (no script from a CDN, no remote asset) and showing the permission extension
  // on each operation.
  if (withDocs) {
    const rendered = join(scratch, `${name}.html`);
    run([
      "build-docs",
      `dist/${name}.yaml`,
      "--output",
      rendered,
      "--inlineBundle",
      "--openapi.showExtensions=x-orgadmin-permission",
    ]);
    writeFileSync(
      join(specDir, "dist", "docs", `${name}.html`),
      withoutRemoteAssets(readFileSync(rendered, "utf8")),
    );
  }
  console.log(`bundled ${alias} → dist/${name}.{yaml,json}${withDocs ? `, dist/docs/${name}.html` : ""}`);
}
