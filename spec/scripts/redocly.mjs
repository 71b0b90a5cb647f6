// The spec's own APIs through the workspace's one Redocly (@orgadmin/redocly), with redocly.yaml of
// this directory: `lint(api)` and `bundle(api)` as the build runs them.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  buildDocs,
  bundle as bundleApi,
  formatProblem,
  lint as lintApi,
  loadRedocly,
  writeDocument,
} from "@orgadmin/redocly";
import { withoutRemoteAssets } from "./offline-docs.mjs";

export const specDir = fileURLToPath(new URL("..", import.meta.url));
const redocly = await loadRedocly(specDir);

/** Lints one API (its folder name, e.g. `"enterprise"`); prints each problem; resolves to whether it has no error. */
export async function lint(api) {
  const problems = await lintApi(redocly, `${api}/openapi.yaml`);
  for (const problem of problems) console.log(`  ${formatProblem(problem)}`);
  return !problems.some((problem) => problem.severity === "error");
}

/**
 * Bundles one API into dist/<api>.yaml and dist/<api>.json, and with `docs` renders
 * dist/docs/<api>.html. Files are replaced atomically, so a running mock never sees a missing one.
 * Throws with the problems when the API does not bundle.
 */
export async function bundle(api, { docs = false } = {}) {
  // Where the reader finds each bundle (imported here, not above: lint runs before the reader is built).
  const { bundlePath } = await import("@orgadmin/spec/contract");
  const { document, problems } = await bundleApi(redocly, `${api}/openapi.yaml`);
  if (!document) throw new Error(`${api} does not bundle:\n${problems.map(formatProblem).join("\n")}`);
  for (const format of ["yaml", "json"]) await writeDocument(document, bundlePath(api, format));
  if (docs) await renderDocs(api, bundlePath(api, "yaml"));
}

/**
 * Self-contained (no script from a CDN, no remote asset) and showing the permission extension on
 * each operation. Redocly renders into a scratch folder; only the finished page is written to dist/.
 */
async function renderDocs(api, source) {
  const scratch = mkdtempSync(join(tmpdir(), "orgadmin-docs-"));
  try {
    const rendered = join(scratch, `${api}.html`);
    await buildDocs(source, rendered, { cwd: specDir, showExtensions: ["x-orgadmin-permission"] });
    mkdirSync(join(specDir, "dist", "docs"), { recursive: true });
    writeFileSync(
      join(specDir, "dist", "docs", `${api}.html`),
      withoutRemoteAssets(readFileSync(rendered, "utf8")),
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
