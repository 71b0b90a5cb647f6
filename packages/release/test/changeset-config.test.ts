// The changesets config must agree with the workspace manifests: every private package is ignored
// (never versioned or asked for a changeset), and nothing that is published is.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { getPackages } from "@manypkg/get-packages";
import { describe, expect, it } from "vitest";
import { readWorkspace } from "../src/changesets.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const config = JSON.parse(readFileSync(join(root, ".changeset", "config.json"), "utf8")) as {
  ignore: string[];
};

describe("changesets config", () => {
  it("ignores exactly the private packages of the workspace", async () => {
    const { packages } = await getPackages(root);
    const privates = packages
      .filter((p) => p.packageJson.private)
      .map((p) => p.packageJson.name)
      .sort();
    expect(privates.length).toBeGreaterThan(0);
    expect([...config.ignore].sort()).toEqual(privates);
  });

  it("leaves the three published packages to be released", async () => {
    const { published } = await readWorkspace(root);
    expect(published).toEqual(["@orgadmin/client", "@orgadmin/sandbox", "@orgadmin/spec"]);
  });
});
