// Child-process entry for the pipeline benchmark: openapi-typescript over each given bundled JSON,
// exactly as packages/client/scripts/generate.mjs does. Usage: generate-types.js OUT_DIR IN.json...
import { writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const [outDir, ...inputs] = process.argv.slice(2);
if (!outDir || inputs.length === 0) throw new Error("usage: generate-types.js OUT_DIR IN.json...");
for (const input of inputs) {
  const ast = await openapiTS(pathToFileURL(input), { exportType: false });
  await writeFile(join(outDir, `${basename(input, ".json")}.ts`), astToString(ast));
}
