// A release against a real registry: Verdaccio on 127.0.0.1 with a throwaway storage folder and no uplinks
// (it never asks any other registry for anything). In a temp copy of the repository, `changeset version`
// and the real `changeset publish` publish the three packages to it; then a fresh npm project installs
// @orgadmin/client and @orgadmin/sandbox by name and version from it (the @orgadmin scope is mapped to it,
// as a company maps its private scope) and runs the consumer there.
//
// Provenance needs the CI's identity token, so it cannot be tried here: its preconditions are checked on
// the real manifests (test/manifests.test.ts and here), and the copy publishes without it.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishedPackages, publishProblems } from "../../src/published.js";
import { exited, startInstalledSandbox, waitForLine } from "./processes.js";

const exec = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..", "..", "..");
const changesetBin = join(root, "packages", "release", "node_modules", "@changesets", "cli", "bin.js");
const apiChangelogCli = join(root, "packages", "release", "dist", "cli", "api-changelog.js");
const PUBLISHED = ["@orgadmin/client", "@orgadmin/sandbox", "@orgadmin/spec"];

let scratch: string;
let registryUrl: string;
let registry: ChildProcess | undefined;
let token: string;
/** The temp copy of the repository that versions and publishes. */
let repo: string;
/** The fresh npm project that installs from the registry. */
let consumer: string;
const children: ChildProcess[] = [];
let publishLog = "";

/** Everything the registry needs, in the scratch folder: storage, users, and no uplinks at all. */
function writeRegistryConfig(dir: string): string {
  const config = join(dir, "verdaccio.yaml");
  writeFileSync(
    config,
    [
      `storage: ${JSON.stringify(join(dir, "storage"))}`,
      "auth:",
      "  htpasswd:",
      `    file: ${JSON.stringify(join(dir, "htpasswd"))}`,
      "    max_users: 1",
      "uplinks: {}",
      "packages:",
      '  "@orgadmin/*":',
      "    access: $all",
      "    publish: $authenticated",
      '  "**":',
      "    access: $all",
      "web:",
      "  enable: false",
      "log: { type: stdout, format: pretty, level: warn }",
      "",
    ].join("\n"),
  );
  return config;
}

/** Copies what a release needs (no node_modules), as a git repository with one commit. */
async function copyRepository(dest: string): Promise<void> {
  const skip = (path: string) => /[\\/](node_modules|\.turbo|\.git|bench-build)([\\/]|$)/.test(path);
  for (const path of ["package.json", "pnpm-workspace.yaml", "LICENSE", ".changeset", "spec", "packages"]) {
    cpSync(join(root, path), join(dest, path), { recursive: true, filter: (src) => !skip(src) });
  }
  // Provenance is refused outside CI; everything else in the manifests is published as it is.
  for (const { directory } of await publishedPackages(root)) {
    const path = join(dest, directory, "package.json");
    const manifest = JSON.parse(readFileSync(path, "utf8")) as { publishConfig: Record<string, unknown> };
    manifest.publishConfig.provenance = false;
    writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
  }
  writeFileSync(join(dest, ".gitignore"), "node_modules\n");
  const git = (...args: string[]) => exec("git", args, { cwd: dest });
  await git("init", "-q", "-b", "main");
  await git("config", "user.email", "release@orgadmin.test");
  await git("config", "user.name", "Release Tests");
  await git("config", "commit.gpgsign", "false");
  await git("add", "-A");
  await git("commit", "-q", "-m", "Release candidate");
  // The changelog generator named in .changeset/config.json resolves from here.
  symlinkSync(join(root, "node_modules"), join(dest, "node_modules"), "dir");
}

const hostOf = (url: string) => url.replace(/^https?:/, "");

beforeAll(async () => {
  for (const dir of ["spec", "packages/client", "packages/sandbox"]) {
    if (!existsSync(join(root, dir, "dist")))
      throw new Error(`${dir} is not built: run \`pnpm build\` first`);
  }
  scratch = mkdtempSync(join(tmpdir(), "orgadmin-registry-"));

  registry = spawn(
    process.execPath,
    [join(here, "registry", "start-registry.mjs"), writeRegistryConfig(scratch)],
    {
      cwd: scratch,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  children.push(registry);
  registryUrl = (
    await waitForLine(registry, /registry listening on (http:\/\/127\.0\.0\.1:\d+\/)/, "verdaccio")
  )[1] as string;

  // `npm adduser`'s request: the registry creates the user and answers with its token.
  const user = await fetch(`${registryUrl}-/user/org.couchdb.user:release`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "release", password: "release-test-password", type: "user" }),
  });
  expect(user.status).toBe(201);
  token = ((await user.json()) as { token: string }).token;

  repo = join(scratch, "repo");
  mkdirSync(repo);
  await copyRepository(repo);
  writeFileSync(
    join(repo, ".npmrc"),
    `@orgadmin:registry=${registryUrl}\n${hostOf(registryUrl)}:_authToken=${token}\n`,
  );
  const env = { ...process.env, CI: "true" };
  await exec(process.execPath, [changesetBin, "version"], { cwd: repo, env });
  await exec(process.execPath, [apiChangelogCli], { cwd: repo, env });
  const published = await exec(process.execPath, [changesetBin, "publish"], { cwd: repo, env });
  publishLog = published.stdout + published.stderr;

  consumer = join(scratch, "consumer");
  mkdirSync(consumer);
  writeFileSync(
    join(consumer, "package.json"),
    `${JSON.stringify({ name: "orgadmin-registry-consumer", private: true, type: "module" }, null, 2)}\n`,
  );
  // Only the @orgadmin scope comes from the local registry; nothing else is ever asked of it.
  writeFileSync(join(consumer, ".npmrc"), `@orgadmin:registry=${registryUrl}\n`);
  for (const file of ["consumer.ts", "sandbox-main.mjs", "tsconfig.json"])
    cpSync(join(here, "consumer", file), join(consumer, file));
}, 600_000);

afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  await Promise.all(children.map(exited));
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const version = (dir: string) =>
  (JSON.parse(readFileSync(join(repo, dir, "package.json"), "utf8")) as { version: string }).version;

describe("a release through a local registry", () => {
  it("starts from manifests that meet provenance's preconditions", async () => {
    expect(await publishProblems(root)).toEqual([]);
  });

  it("versions with changesets and publishes all three packages with the real `changeset publish`", async () => {
    const spec = version("spec");
    expect(version("packages/client")).toBe(spec);
    expect(spec).not.toBe("0.0.0");
    for (const name of PUBLISHED) expect(publishLog).toMatch(new RegExp(`${name.replace("/", "\\/")}@\\d`));
    const { stdout: tags } = await exec("git", ["tag", "--list"], { cwd: repo });
    expect(tags.split("\n").sort()).toEqual(
      expect.arrayContaining([
        `@orgadmin/client@${spec}`,
        `@orgadmin/spec@${spec}`,
        `@orgadmin/sandbox@${version("packages/sandbox")}`,
      ]),
    );
    // The registry answers with what was published, from its own storage.
    for (const [name, dir] of [
      ["@orgadmin/spec", "spec"],
      ["@orgadmin/client", "packages/client"],
      ["@orgadmin/sandbox", "packages/sandbox"],
    ] as const) {
      const answer = await fetch(`${registryUrl}${name.replace("/", "%2f")}`);
      expect(answer.status).toBe(200);
      const document = (await answer.json()) as { "dist-tags": { latest: string } };
      expect(document["dist-tags"].latest).toBe(version(dir));
    }
    expect(existsSync(join(scratch, "storage", "@orgadmin", "client"))).toBe(true);
    console.log(
      publishLog
        .split("\n")
        .filter((line) => /published|success|tag/i.test(line))
        .join("\n"),
    );
  });

  it("never proxies: a package it does not hold is a 404, not a fetch from elsewhere", async () => {
    const answer = await fetch(`${registryUrl}typescript`);
    expect(answer.status).toBe(404);
    await answer.body?.cancel();
  });

  it("installs client and sandbox by name and version into a fresh npm project and runs the consumer", async () => {
    const client = version("packages/client");
    const sandbox = version("packages/sandbox");
    await exec(
      "npm",
      [
        "install",
        "--no-audit",
        "--no-fund",
        // This throwaway lockfile records where each package came from: the proof it was the local registry.
        "--omit-lockfile-registry-resolved=false",
        `@orgadmin/client@${client}`,
        `@orgadmin/sandbox@${sandbox}`,
        "typescript@5.9.3",
      ],
      { cwd: consumer },
    );
    // What npm installed and where from, as its lockfile records it.
    const lock = JSON.parse(readFileSync(join(consumer, "package-lock.json"), "utf8")) as {
      packages: Record<string, { version: string; resolved: string }>;
    };
    const installed = Object.fromEntries(
      PUBLISHED.map((name) => [name, lock.packages[`node_modules/${name}`]]),
    );
    console.log(
      `installed from the local registry ${registryUrl}: ${PUBLISHED.map((name) => `${name}@${installed[name]?.version}`).join(", ")}`,
    );
    expect(installed["@orgadmin/client"]?.version).toBe(client);
    expect(installed["@orgadmin/sandbox"]?.version).toBe(sandbox);
    // The sandbox's dependency on the spec it implements came from the registry too.
    expect(installed["@orgadmin/spec"]?.version).toBe(version("spec"));
    for (const name of PUBLISHED) expect(installed[name]?.resolved).toMatch(new RegExp(`^${registryUrl}`));
    for (const name of PUBLISHED) {
      expect(readFileSync(join(consumer, "node_modules", name, "LICENSE"), "utf8")).toBe(
        readFileSync(join(root, "LICENSE"), "utf8"),
      );
    }

    await exec(join(consumer, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.json"], { cwd: consumer });
    const { url, child } = await startInstalledSandbox(consumer);
    children.push(child);
    const { stdout: answers } = await exec(process.execPath, ["sandbox-main.mjs", url], { cwd: consumer });
    const parsed = JSON.parse(answers) as {
      organization: { id: string; name: string };
      enterpriseMemberEmails: string[];
    };
    expect(parsed.organization).toEqual({ id: "org_abc123", name: "Acme" });
    expect(parsed.enterpriseMemberEmails).toContain("alice@example.com");
    child.kill("SIGTERM");
    expect(await exited(child)).toEqual({ code: 0, signal: null });
  });
});
