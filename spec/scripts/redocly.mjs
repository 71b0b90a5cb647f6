// The spec's own APIs through the workspace's one Redocly runner (@orgadmin/redocly): `lint(api)` and
// `bundle(api)` as the build runs them, in this directory so redocly.yaml applies.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundle as bundleTo, lint as lintTargets, orThrow } from "@orgadmin/redocly";
import { parseDocument } from "yaml";
import { renderReference } from "./reference.mjs";
import { addCodeSamples } from "./samples.mjs";

export const specDir = fileURLToPath(new URL("..", import.meta.url));

/**
 * Lints one API (`"enterprise"`, with its rules from redocly.yaml), or every API when none is named.
 * Resolves to Redocly's result (`ok`, `output`); the output is echoed unless `echo` is false.
 */
export function lint(api, { echo = true } = {}) {
  return lintTargets(api ? [`${api}/openapi.yaml`] : [], { cwd: specDir, echo });
}

/**
 * Bundles one API into dist/<api>.yaml and dist/<api>.json, with each operation's code samples
 * (samples/<api>/) as `x-codeSamples`, and with `docs` renders the reference, dist/docs/<api>.html.
 * Files are overwritten in place (never removed first) so a running mock never sees a missing
 * document. Throws with Redocly's output when the API does not bundle.
 */
export async function bundle(api, { docs = false } = {}) {
  // Where the reader finds each bundle (imported here, not above: lint runs before the reader is built).
  const { bundlePath } = await import("@orgadmin/spec/contract");
  const root = `${api}/openapi.yaml`;
  for (const format of ["yaml", "json"])
    orThrow(await bundleTo(root, bundlePath(api, format), { cwd: specDir }), `bundle ${root}`);
  const json = bundlePath(api, "json");
  const doc = JSON.parse(readFileSync(json, "utf8"));
  const changed = addCodeSamples(api, doc);
  writeFileSync(json, `${JSON.stringify(doc, null, 2)}\n`);
  // The YAML keeps Redocly's layout; only the samples are added to it.
  const yaml = parseDocument(readFileSync(bundlePath(api, "yaml"), "utf8"));
  for (const { at, samples } of changed) yaml.setIn(at, samples);
  writeFileSync(bundlePath(api, "yaml"), yaml.toString({ lineWidth: 0 }));
  if (docs) {
    mkdirSync(join(specDir, "dist", "docs"), { recursive: true });
    renderReference(api, doc, join(specDir, "dist", "docs"));
  }
}
