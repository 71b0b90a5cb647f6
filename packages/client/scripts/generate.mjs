// Generates TypeScript from bundled contracts (see generate-api.mjs for what each bundle gives).
//
//   generate.mjs                    every API of the contract → src/generated/
//   generate.mjs OUT_DIR IN.json…   the same for other bundles (the pipeline benchmark's synthetic ones)
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { API_NAMES, bundlePath } from "@orgadmin/spec/contract";
import { generateFrom } from "./generate-api.mjs";

const [outArg, ...inputs] = process.argv.slice(2);
const outDir = outArg ?? fileURLToPath(new URL("../src/generated/", import.meta.url));
const sources = outArg ? inputs : API_NAMES.map((api) => bundlePath(api));
if (sources.length === 0) throw new Error("usage: generate.mjs [OUT_DIR IN.json...]");

for (const source of sources) {
  for (const file of await generateFrom(source, outDir))
    console.log(`generated ${relative(process.cwd(), file)}`);
}
