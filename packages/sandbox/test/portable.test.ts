// The core and the MSW handlers run where there is no Node: bundled for a browser, they import
// nothing from `node:` (esbuild fails the build on one), and the core needs no file access.
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const bundle = (entry: string) =>
  build({
    entryPoints: [new URL(entry, import.meta.url).pathname],
    bundle: true,
    format: "esm",
    platform: "browser",
    write: false,
    metafile: true,
    external: ["msw"],
    logLevel: "silent",
  });

describe("browser bundles", () => {
  it.each(["../src/core-index.ts", "../src/msw.ts"])(
    "%s builds for a browser, with nothing from node:",
    async (entry) => {
      const result = await bundle(entry);
      const inputs = Object.keys(result.metafile.inputs);
      expect(inputs.some((i) => i.endsWith("core.ts") || i.endsWith("msw.ts"))).toBe(true);
      expect(inputs.filter((i) => i.startsWith("node:"))).toEqual([]);
      expect(result.outputFiles[0]?.text).not.toMatch(/from\s*"node:/);
    },
  );

  it("fails for the Node server (the check can fail)", async () => {
    await expect(bundle("../src/server.ts")).rejects.toThrow(/node:/);
  });
});
