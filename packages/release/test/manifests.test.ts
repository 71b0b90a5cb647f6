// The published manifests carry what a publish with provenance needs, and the check says what is missing.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type Manifest, manifestProblems, REPOSITORY } from "../src/manifests.js";
import { publishedPackages, publishProblems } from "../src/published.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

const ready: Manifest = {
  name: "@orgadmin/client",
  license: "MIT",
  repository: { type: "git", url: `git+${REPOSITORY}.git`, directory: "packages/client" },
  homepage: `${REPOSITORY}/tree/main/packages/client#readme`,
  bugs: { url: `${REPOSITORY}/issues` },
  files: ["dist", "README.md", "LICENSE"],
  publishConfig: { access: "public", provenance: true },
};

describe("published manifests", () => {
  it("are the three packages, each ready to publish with a LICENSE copied from the root", async () => {
    const packages = await publishedPackages(root);
    expect(packages.map((p) => [p.name, p.directory])).toEqual([
      ["@orgadmin/client", "packages/client"],
      ["@orgadmin/sandbox", "packages/sandbox"],
      ["@orgadmin/spec", "spec"],
    ]);
    expect(await publishProblems(root)).toEqual([]);
  });

  it("are refused when the workflow's repository is another one (provenance would not match)", async () => {
    const problems = await publishProblems(root, "https://github.com/someone/fork");
    expect(problems).toHaveLength(3 * 3);
    expect(problems).toContain(
      "@orgadmin/spec: repository.url git+https://github.com/orgadmin/orgadmin.git is not https://github.com/someone/fork (provenance would be refused)",
    );
  });
});

describe("manifest check", () => {
  it("accepts a complete manifest, with the URL in any form npm accepts", () => {
    expect(manifestProblems(ready, "packages/client")).toEqual([]);
    const plain = { ...ready, repository: { type: "git", url: REPOSITORY, directory: "packages/client" } };
    expect(manifestProblems(plain, "packages/client")).toEqual([]);
  });

  it.each([
    ["repository.url", { repository: { type: "git", directory: "packages/client" } }, "no repository.url"],
    [
      "directory",
      { repository: { type: "git", url: REPOSITORY, directory: "spec" } },
      "repository.directory is spec",
    ],
    ["homepage", { homepage: undefined }, "homepage is not a page of"],
    ["bugs", { bugs: undefined }, "bugs.url is not"],
    ["license", { license: "ISC" }, "license is not MIT"],
    ["LICENSE in files", { files: ["dist", "README.md"] }, "files does not list LICENSE"],
    ["README in files", { files: ["dist", "LICENSE"] }, "files does not list README.md"],
    ["provenance", { publishConfig: { access: "public" } }, "publishConfig.provenance is not true"],
    ["access", { publishConfig: { provenance: true } }, "publishConfig.access is not public"],
  ] as const)("names a missing or wrong %s", (_what, change, message) => {
    const problems = manifestProblems({ ...ready, ...change } as Manifest, "packages/client");
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });
});
