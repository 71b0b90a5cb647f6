// The contract read from a bundle on disk (Node): the bundle's path, then `contractOf`.
import { readFileSync } from "node:fs";
import type { ApiName } from "./api-names.js";
import { bundlePath } from "./apis.js";
import { type Contract, contractOf } from "./contract.js";
import type { OpenApiDocument } from "./document.js";

/** Loads the contract of `api` from its bundle (or from another bundled `file` of the same API). */
export function loadContract(api: ApiName, file = bundlePath(api)): Contract {
  return contractOf(api, JSON.parse(readFileSync(file, "utf8")) as OpenApiDocument, file);
}
