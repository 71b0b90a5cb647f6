// The spec's own APIs through the workspace's one Redocly runner (@orgadmin/redocly): `lint(api)` and
// `bundle(api)` as the build runs them, in this directory so redocly.yaml applies.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildDocs, bundle as bundleTo, lint as lintTargets, orThrow } from "@orgadmin/redocly";
import { withoutRemoteAssets } from "./offline-docs.mjs";

export const specDir = fileURLToPath(new URL("..", import.meta.url));

/**
 * Lints one API (`"enterprise"`, with its rules from redocly.yaml), or every API when none is named.
 * Resolves to Redocly's result (`ok`, `output`); the output is echoed unless `echo` is false.
 */
export function lint(api, { echo = true } = {}) {
  return lintTargets(api ? [`${api}/openapi.yaml`] : [], { cwd: specDir, echo });
}

/**
 * Bundles one API into dist/<api>.yaml and dist/<api>.json, and with `docs` renders
 * dist/docs/<api>.html. Files are overwritten in place (never removed first) so a running mock never
 * sees a missing document. Throws with Redocly's output when the API does not bundle.
 */
export async function bundle(api, { docs = false } = {}) {
  // Where the reader finds each bundle (imported here, not above: lint runs before the reader is built).
  const { bundlePath } = await import("@orgadmin/spec/contract");
  const root = `${api}/openapi.yaml`;
  for (const format of ["yaml", "json"])
    orThrow(await bundleTo(root, bundlePath(api, format), { cwd: specDir }), `bundle ${root}`);
  if (docs) await renderDocs(api);
}

/**
 * Self-contained (no script from a CDN, no remote asset) and showing the permission extension on
 * each operation. Redocly renders into a scratch folder; only the finished page is written to dist/.
 */
async function renderDocs(api) {
  const scratch = mkdtempSync(join(tmpdir(), "orgadmin-docs-"));
  try {
    const rendered = join(scratch, `${api}.html`);
    const { bundlePath } = await import("@orgadmin/spec/contract");
    const result = await buildDocs(bundlePath(api, "yaml"), rendered, {
      cwd: specDir,
      showExtensions: ["x-orgadmin-permission"],
    });
    orThrow(result, `build-docs ${api}`);
    mkdirSync(join(specDir, "dist", "docs"), { recursive: true });
    writeFileSync(
      join(specDir, "dist", "docs", `${api}.html`),
      withoutRemoteAssets(readFileSync(rendered, "utf8")),
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
