// @ts-check
// The runtimes `pnpm test:runtimes` proves, each pinned to one exact release so a run is
// reproducible; bump a pin on purpose. Each ships its binary inside a registry package.

import { readFileSync } from "node:fs";

/** @typedef {{ name: string, version: string, suites: string[] }} Runtime */

/**
 * The Node the toolchain itself runs on: the root `node` devDependency, one pin for the repository.
 * @type {string}
 */
const TOOLCHAIN_NODE = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8"))
  .devDependencies.node;

/** @type {Runtime[]} */
export const RUNTIMES = [
  // The client's floor (>=20.19): its tests and the smoke test, since nothing else runs on 20.
  { name: "node", version: "20.20.2", suites: ["client", "smoke"] },
  { name: "node", version: "22.23.5", suites: ["client", "contract", "smoke", "in-process"] },
  // The toolchain's own Node runs the client's tests and the contract suite in `pnpm test` already.
  { name: "node", version: TOOLCHAIN_NODE, suites: ["smoke", "in-process"] },
  { name: "node", version: "26.12.1", suites: ["client", "contract", "smoke", "in-process"] },
  { name: "bun", version: "1.4.5", suites: ["smoke", "in-process"] },
  { name: "deno", version: "2.9.6", suites: ["smoke", "in-process"] },
];

/** @type {Record<string, Record<string, string>>} */
const ARCH = {
  x64: { node: "x64", bun: "x64", deno: "x64" },
  arm64: { node: "arm64", bun: "aarch64", deno: "arm64" },
};

/**
 * The package to install for a runtime on this machine, and where its binary lands inside
 * `node_modules`. `bun` and `deno` pull their platform build in as an optional dependency; their
 * install scripts (which only relink the binary) are skipped.
 * @param {Runtime} runtime
 * @returns {{ spec: string, binary: string }}
 */
export function packageFor(runtime, platform = process.platform, arch = process.arch) {
  const a = ARCH[arch]?.[runtime.name];
  if (!a || (platform !== "linux" && platform !== "darwin")) {
    throw new Error(`no ${runtime.name} binary package known for ${platform}-${arch}`);
  }
  switch (runtime.name) {
    case "node":
      return { spec: `node-${platform}-${a}@${runtime.version}`, binary: `node-${platform}-${a}/bin/node` };
    case "bun":
      return { spec: `bun@${runtime.version}`, binary: `@oven/bun-${platform}-${a}/bin/bun` };
    case "deno": {
      const suffix = platform === "linux" ? "-glibc" : "";
      return { spec: `deno@${runtime.version}`, binary: `@deno/${platform}-${a}${suffix}/deno` };
    }
    default:
      throw new Error(`unknown runtime ${runtime.name}`);
  }
}
