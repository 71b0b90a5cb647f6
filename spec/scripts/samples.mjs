// Code samples per operation: samples/<api>/<operationId>.<ext>, one file per language, copied into
// the bundle as the operation's `x-codeSamples` (what reference renderers show beside it). The files
// are whole programs: a test runs each one against the sandbox, and the TypeScript ones type-check
// against @orgadmin/client (packages/runtimes).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const samplesDir = fileURLToPath(new URL("../samples", import.meta.url));

/** The languages, in the order a reader sees their tabs: file extension → what the bundle says. */
export const LANGUAGES = {
  ts: { lang: "typescript", label: "TypeScript (@orgadmin/client)" },
  sh: { lang: "shell", label: "curl" },
  py: { lang: "python", label: "Python (requests)" },
};

/** operationId → its sample files (`{ ext, file }`), for every file under samples/<api>/. */
export function sampleFiles(api) {
  const dir = join(samplesDir, api);
  const byOperation = new Map();
  if (!existsSync(dir)) return byOperation;
  for (const name of readdirSync(dir).sort()) {
    const match = /^([A-Za-z0-9_]+)\.(\w+)$/.exec(name);
    if (!match || !(match[2] in LANGUAGES)) continue;
    const [, operationId, ext] = match;
    const files = byOperation.get(operationId) ?? [];
    files.push({ ext, file: join(dir, name) });
    byOperation.set(operationId, files);
  }
  return byOperation;
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/**
 * Sets `x-codeSamples` on each operation of a bundled document that has sample files, languages in
 * LANGUAGES order. A sample file naming no operation is an error (an operation renamed or removed
 * without its samples); an operation without samples is left alone here and reported by the test.
 * Returns the JSON pointer path of each operation it changed, with the samples.
 */
export function addCodeSamples(api, doc) {
  const files = sampleFiles(api);
  const changed = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item?.[method];
      const own = operation && files.get(operation.operationId);
      if (!own) continue;
      files.delete(operation.operationId);
      const order = Object.keys(LANGUAGES);
      const samples = own
        .sort((a, b) => order.indexOf(a.ext) - order.indexOf(b.ext))
        .map(({ ext, file }) => ({ ...LANGUAGES[ext], source: readFileSync(file, "utf8") }));
      operation["x-codeSamples"] = samples;
      changed.push({ at: ["paths", path, method, "x-codeSamples"], samples });
    }
  }
  if (files.size > 0) {
    throw new Error(
      `samples/${api}/ has samples for operations the API does not have: ${[...files.keys()].join(", ")}`,
    );
  }
  return changed;
}
