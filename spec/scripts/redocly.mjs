// The spec's own APIs through the workspace's one Redocly (@orgadmin/redocly), with redocly.yaml of
// this directory: `lint(api)` and `bundle(api)` as the build runs them.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  bundle as bundleApi,
  formatProblem,
  lint as lintApi,
  loadRedocly,
  writeDocument,
} from "@orgadmin/redocly";
import { renderReference } from "./reference.mjs";
import { addCodeSamples } from "./samples.mjs";

export const specDir = fileURLToPath(new URL("..", import.meta.url));
const redocly = await loadRedocly(specDir);

/** Lints one API (its folder name, e.g. `"enterprise"`); prints each problem; resolves to whether it has no error. */
export async function lint(api) {
  const problems = await lintApi(redocly, `${api}/openapi.yaml`);
  for (const problem of problems) console.log(`  ${formatProblem(problem)}`);
  return !problems.some((problem) => problem.severity === "error");
}

/**
 * Bundles one API into dist/<api>.yaml and dist/<api>.json, with each operation's code samples
 * (samples/<api>/) as `x-codeSamples`, and with `docs` renders the reference, dist/docs/<api>.html.
 * Files are replaced atomically, so a running mock never sees a missing one. Throws with the
 * problems when the API does not bundle.
 */
export async function bundle(api, { docs = false } = {}) {
  // Where the reader finds each bundle (imported here, not above: lint runs before the reader is built).
  const { bundlePath } = await import("@orgadmin/spec/contract");
  const { document, problems } = await bundleApi(redocly, `${api}/openapi.yaml`);
  if (!document) throw new Error(`${api} does not bundle:\n${problems.map(formatProblem).join("\n")}`);
  const doc = JSON.parse(JSON.stringify(document));
  addCodeSamples(api, doc);
  for (const format of ["yaml", "json"]) await writeDocument(doc, bundlePath(api, format));
  if (docs) {
    mkdirSync(join(specDir, "dist", "docs"), { recursive: true });
    renderReference(api, doc, join(specDir, "dist", "docs"));
  }
}
