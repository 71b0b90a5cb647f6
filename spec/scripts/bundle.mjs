// Bundles each API of the contract into dist/<api>.{yaml,json} and renders dist/docs/<api>.html.
// These single files are what Prism, the generator and the package use.
import { API_NAMES } from "@orgadmin/spec/contract";
import { bundle } from "./redocly.mjs";

const docs = !process.argv.includes("--no-docs");
for (const api of API_NAMES) {
  await bundle(api, { docs });
  console.log(`bundled ${api} → dist/${api}.{yaml,json}${docs ? `, dist/docs/${api}.html` : ""}`);
}
