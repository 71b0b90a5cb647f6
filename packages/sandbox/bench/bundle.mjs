// @ts-check
// `pnpm bench` (sandbox): the core as a browser bundles it (esbuild, ESM, minified, platform
// browser: a `node:` import would fail the build), its size min+gz against the 120 kB budget, and
// what dominates it (minified bytes of the output by package).
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const BUDGET = 120 * 1024;
const entry = "dist/core-index.js";
{
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    metafile: true,
    logLevel: "error",
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  const gz = gzipSync(code, { level: 9 }).length;
  const byPackage = new Map();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
      const path = file.replaceAll("\\", "/");
      const m = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
      const pkg = path.includes("spec/dist/")
        ? "the contract (bundled JSON)"
        : path.includes("spec/lib/")
          ? "the contract reader"
          : (m?.[1] ?? "sandbox");
      byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + bytesInOutput);
    }
  }
  const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} kB`;
  const budget = ` (budget ${kb(BUDGET)}: ${gz <= BUDGET ? "met" : "MISSED"})`;
  console.log(`browser bundle of ${entry}: ${kb(code.length)} min, ${kb(gz)} min+gz${budget}`);
  const parts = [...byPackage].sort((a, b) => b[1] - a[1]);
  for (const [pkg, bytes] of parts.slice(0, 6)) {
    console.log(
      `  ${pkg.padEnd(28)} ${kb(bytes).padStart(9)} min (${((100 * bytes) / code.length).toFixed(0)}%)`,
    );
  }
}
