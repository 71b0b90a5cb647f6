// The APIs of the contract and where each bundle lives: the one place that knows either.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ApiName } from "./api-names.js";
import type { OpenApiDocument } from "./document.js";

export { API_NAMES, type ApiName, isApiName } from "./api-names.js";

/**
 * The absolute path of a bundled file of `api` in this package. The reader is compiled to `lib/`
 * and run from `src/` in tests: both sit next to `dist/`.
 */
export function bundlePath(api: ApiName, format: "json" | "yaml" = "json"): string {
  return fileURLToPath(new URL(`../dist/${api}.${format}`, import.meta.url));
}

/** The bundled document of `api`, parsed afresh (callers may keep or change their copy). */
export function readBundle(api: ApiName): OpenApiDocument {
  return JSON.parse(readFileSync(bundlePath(api), "utf8")) as OpenApiDocument;
}
