// Applies `changeset version` to a temp copy of the workspace's package manifests and changesets config,
// and checks the versions and CHANGELOG entries a release would produce.
import { execFile } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { baseDocument, edit } from "./support/documents.js";
import { createTempRepo } from "./support/temp-repo.js";

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const changesetBin = join(root, "packages", "release", "node_modules", "@changesets", "cli", "bin.js");
const apiChangelogCli = join(root, "packages", "release", "dist", "cli", "api-changelog.js");
/** Every manifest of the workspace (spec and packages/*), so a new package can never be missed. */
const MANIFESTS = [
  "package.json",
  "pnpm-workspace.yaml",
  ".changeset/config.json",
  "spec/package.json",
  ...readdirSync(join(root, "packages"))
    .map((name) => `packages/${name}/package.json`)
    .filter((path) => existsSync(join(root, path))),
];

const read = (dir: string, path: string) => readFileSync(join(dir, path), "utf8");
const version = (dir: string, path: string) => (JSON.parse(read(dir, path)) as { version: string }).version;

/** A temp copy of the manifests; `node_modules` links back so the changelog generator resolves. */
function copyWorkspace(onTestFinished: (fn: () => void) => void, withPendingChangesets: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), "orgadmin-version-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  for (const path of MANIFESTS) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    cpSync(join(root, path), join(dir, path));
  }
  if (withPendingChangesets) {
    for (const file of readdirSync(join(root, ".changeset")).filter(
      (f) => f.endsWith(".md") && f !== "README.md",
    )) {
      cpSync(join(root, ".changeset", file), join(dir, ".changeset", file));
    }
  }
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
  return dir;
}

async function changesetVersion(dir: string) {
  await run(process.execPath, [changesetBin, "version"], { cwd: dir, env: { ...process.env, CI: "true" } });
}

describe.concurrent("changeset version", () => {
  it("bumps spec and client together and writes each package's own entries", async ({ onTestFinished }) => {
    const dir = copyWorkspace(onTestFinished, false);
    const before = version(dir, "spec/package.json");
    const [major = 0, minor = 0] = before.split(".").map(Number);
    writeFileSync(
      join(dir, ".changeset", "joined-at.md"),
      '---\n"@orgadmin/spec": minor\n---\n\nMembers of an organization carry `joined_at`.\n',
    );
    writeFileSync(
      join(dir, ".changeset", "retry-503.md"),
      '---\n"@orgadmin/client": patch\n---\n\nRetry on 503 as well as 429.\n',
    );
    await changesetVersion(dir);

    const next = `${major}.${minor + 1}.0`;
    expect(version(dir, "spec/package.json")).toBe(next);
    expect(version(dir, "packages/client/package.json")).toBe(next);
    expect(read(dir, "spec/CHANGELOG.md")).toContain(
      `## ${next}\n\n### Minor Changes\n\n- Members of an organization carry \`joined_at\`.`,
    );
    expect(read(dir, "packages/client/CHANGELOG.md")).toContain(
      `## ${next}\n\n### Patch Changes\n\n- Retry on 503 as well as 429.`,
    );
    // Consumed changesets are removed; private tool and test packages are neither versioned nor logged.
    expect(existsSync(join(dir, ".changeset", "joined-at.md"))).toBe(false);
    expect(version(dir, "packages/release/package.json")).toBe("0.0.0");
    expect(version(dir, "packages/contract-tests/package.json")).toBe("0.0.0");
    expect(existsSync(join(dir, "packages/release/CHANGELOG.md"))).toBe(false);
    for (const path of MANIFESTS.filter((p) => p.startsWith("packages/"))) {
      const manifest = JSON.parse(read(dir, path)) as { private?: boolean; version: string };
      if (!manifest.private) continue;
      expect(manifest.version, path).toBe("0.0.0");
      expect(existsSync(join(dir, dirname(path), "CHANGELOG.md")), path).toBe(false);
    }
  });

  it("turns a major changeset into a major for both packages", async ({ onTestFinished }) => {
    const dir = copyWorkspace(onTestFinished, false);
    const [major = 0] = version(dir, "spec/package.json").split(".").map(Number);
    writeFileSync(
      join(dir, ".changeset", "drop.md"),
      '---\n"@orgadmin/spec": major\n---\n\nRemove `GET /members`.\n',
    );
    await changesetVersion(dir);
    expect(version(dir, "spec/package.json")).toBe(`${major + 1}.0.0`);
    expect(version(dir, "packages/client/package.json")).toBe(`${major + 1}.0.0`);
    expect(read(dir, "spec/CHANGELOG.md")).toContain("### Major Changes\n\n- Remove `GET /members`.");
  });

  it("applies the pending changesets of this repository and keeps spec and client on one version", async ({
    onTestFinished,
  }) => {
    const dir = copyWorkspace(onTestFinished, true);
    const pending = readdirSync(join(dir, ".changeset")).filter(
      (f) => f.endsWith(".md") && f !== "README.md",
    );
    // First line of each summary (the text after the front matter); changelogs keep it verbatim.
    const summaries = pending.map(
      (f) => read(join(dir, ".changeset"), f).split(/^---$/m)[2]?.trim().split("\n")[0],
    );
    await changesetVersion(dir);
    const spec = version(dir, "spec/package.json");
    expect(version(dir, "packages/client/package.json")).toBe(spec);
    // A sandbox-only changeset lands in the sandbox's changelog alone.
    const logs = ["spec/CHANGELOG.md", "packages/client/CHANGELOG.md", "packages/sandbox/CHANGELOG.md"]
      .filter((p) => existsSync(join(dir, p)))
      .map((p) => read(dir, p))
      .join("\n");
    for (const summary of summaries) expect(logs).toContain(`- ${summary}`);
  });
});

describe("the root version script (changeset version, then the API changelog)", () => {
  /** A released 1.0.0 (tagged) of a one-API workspace, then the given spec edit and changeset. */
  function releasedRepo(onTestFinished: (fn: () => void) => void) {
    if (!existsSync(apiChangelogCli))
      throw new Error("packages/release is not built: run `pnpm build` first");
    const repo = createTempRepo(baseDocument(), "1.0.0");
    onTestFinished(() => repo.remove());
    // The changelog generator named in the config resolves from here; never committed.
    symlinkSync(join(root, "node_modules"), join(repo.dir, "node_modules"), "dir");
    return repo;
  }

  async function versionScript(dir: string) {
    await changesetVersion(dir);
    const { stdout } = await run(process.execPath, [apiChangelogCli], { cwd: dir });
    return stdout;
  }

  it("lists each contract change since the last release under Breaking / Added / Changed, beside the prose", async ({
    onTestFinished,
  }) => {
    const repo = releasedRepo(onTestFinished);
    repo.write(
      "spec/members/openapi.yaml",
      edit(baseDocument(), [
        ["remove", "/components/schemas/Member/properties/name"],
        ["set", "/components/schemas/Member/properties/joined_at", { type: "string", format: "date-time" }],
        ["set", "/paths/~1members/get/responses/200/description", "Every member of the organization."],
      ]),
    );
    repo.changeset(
      "members-v2",
      { "@orgadmin/spec": "major" },
      "Members carry `joined_at` instead of `name`.",
    );
    const log = await versionScript(repo.dir);
    expect(log).toMatch(
      /spec\/ at @orgadmin\/(spec|client)@1\.0\.0 \(last release tag\) → working tree: 3 change\(s\)/,
    );

    const entry = [
      "## 2.0.0",
      "",
      "### Major Changes",
      "",
      "- Members carry `joined_at` instead of `name`.",
      "",
      "### API changes",
      "",
      "#### Breaking",
      "",
      "- [members] response field removed: `GET /members 200 application/json: members[].name`",
      "",
      "#### Added",
      "",
      "- [members] response field added: `GET /members 200 application/json: members[].joined_at`",
      "",
      "#### Changed",
      "",
      "- [members] documentation changed: `GET /members 200` (description)",
      "",
    ].join("\n");
    const spec = read(repo.dir, "spec/CHANGELOG.md");
    expect(spec).toBe(`# @orgadmin/spec\n\n${entry}`);
    // The fixed group versions the client too; its entry names the same contract changes.
    const client = read(repo.dir, "packages/client/CHANGELOG.md");
    expect(client).toContain(entry.split("### API changes")[1]);
    expect(client.startsWith("# @orgadmin/client\n\n## 2.0.0\n")).toBe(true);
  });

  it("says so when a release carries no contract change, and never touches an older entry", async ({
    onTestFinished,
  }) => {
    const repo = releasedRepo(onTestFinished);
    repo.write("spec/CHANGELOG.md", "# @orgadmin/spec\n\n## 1.0.0\n\n### Major Changes\n\n- First.\n");
    repo.commit("1.0.0 changelog");
    repo.changeset("retry", { "@orgadmin/client": "patch" }, "Retry on 503 as well.");
    await versionScript(repo.dir);
    const none = "### API changes\n\nNone: the contract is the same as in the previous release.\n";
    expect(read(repo.dir, "packages/client/CHANGELOG.md")).toContain(
      `## 1.0.1\n\n### Patch Changes\n\n- Retry on 503 as well.\n\n${none}`,
    );
    // The fixed group releases the spec with the client: its entry says the contract did not change.
    const spec = read(repo.dir, "spec/CHANGELOG.md");
    expect(spec).toBe(`# @orgadmin/spec\n\n## 1.0.1\n\n${none}\n## 1.0.0\n\n### Major Changes\n\n- First.\n`);
    expect(spec.match(/### API changes/g)).toHaveLength(1);
    // A second run (nothing new to version) writes nothing.
    repo.commit("Version packages");
    const again = await versionScript(repo.dir);
    expect(again).toContain("@orgadmin/spec: still 1.0.1, no new entry");
    expect(read(repo.dir, "spec/CHANGELOG.md")).toBe(spec);
  });
});
