// Packs @orgadmin/spec, @orgadmin/client and @orgadmin/sandbox as they would be published, installs the
// tarballs into a scratch npm project outside the workspace, type-checks a consumer against them and runs
// it against Prism serving the spec files from the installed @orgadmin/spec (the Prism binary itself is
// the workspace's, started by @orgadmin/prism) and against the installed sandbox, started by its `bin`.
import { type ChildProcess, execFile } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { installCleanupOnExit, type PrismServer, startPrism } from "@orgadmin/prism";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Manifest, manifestProblems } from "../../src/manifests.js";
import { exited, startInstalledSandbox } from "./processes.js";

const exec = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..", "..", "..");
const bin = (name: string) => join(root, "packages", "release", "node_modules", ".bin", name);
const DIRECTORIES = { spec: "spec", client: "packages/client", sandbox: "packages/sandbox" } as const;
const PACKAGES = {
  spec: join(root, DIRECTORIES.spec),
  client: join(root, DIRECTORIES.client),
  sandbox: join(root, DIRECTORIES.sandbox),
};

let scratch: string;
let consumer: string;
const tarballs: Record<keyof typeof PACKAGES, string> = { spec: "", client: "", sandbox: "" };
const mocks: PrismServer[] = [];
const sandboxes: ChildProcess[] = [];

/** Starts `prism mock --errors` for one installed spec file; stopped in afterAll. */
async function startMock(specFile: string, name: string): Promise<string> {
  const prism = await startPrism({ spec: specFile, logFile: join(scratch, `prism-${name}.log`) });
  mocks.push(prism);
  return prism.url;
}

beforeAll(async () => {
  installCleanupOnExit();
  for (const [name, dir] of Object.entries(PACKAGES)) {
    if (!existsSync(join(dir, "dist"))) throw new Error(`${name} is not built: run \`pnpm build\` first`);
  }
  scratch = mkdtempSync(join(tmpdir(), "orgadmin-pack-"));
  const packs = join(scratch, "tarballs");
  mkdirSync(packs);
  for (const [name, dir] of Object.entries(PACKAGES) as Array<[keyof typeof PACKAGES, string]>) {
    const before = new Set(readdirSync(packs));
    await exec("pnpm", ["pack", "--pack-destination", packs], { cwd: dir });
    const made = readdirSync(packs).find((f) => !before.has(f));
    if (!made) throw new Error(`pnpm pack made no tarball for ${name}`);
    tarballs[name] = join(packs, made);
  }

  // Outside the workspace, plain npm, nothing from the monorepo but the tarballs.
  consumer = join(scratch, "consumer");
  mkdirSync(consumer);
  writeFileSync(
    join(consumer, "package.json"),
    `${JSON.stringify({ name: "orgadmin-consumer", private: true, type: "module" }, null, 2)}\n`,
  );
  for (const file of ["consumer.ts", "main.mjs", "sandbox-main.mjs", "spec-import.mjs", "tsconfig.json"])
    cpSync(join(here, "consumer", file), join(consumer, file));
  await exec(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--ignore-scripts",
      tarballs.spec,
      tarballs.client,
      tarballs.sandbox,
      "typescript@5.9.3",
    ],
    { cwd: consumer },
  );
}, 300_000);

afterAll(async () => {
  await Promise.all(mocks.map((prism) => prism.stop()));
  // A sandbox left running by a failed assertion is stopped by its own pid.
  for (const child of sandboxes)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await Promise.all(sandboxes.map(exited));
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** Paths inside a tarball, without npm's leading `package/`. */
async function listTarball(tarball: string): Promise<string[]> {
  const { stdout } = await exec("tar", ["-tzf", tarball]);
  return stdout
    .split("\n")
    .filter(Boolean)
    .map((path) => path.replace(/^package\//, ""));
}

describe("published tarballs", () => {
  it.each(["spec", "client", "sandbox"] as const)(
    "%s carries the root LICENSE, a README and a manifest ready for provenance",
    async (name) => {
      const files = await listTarball(tarballs[name]);
      expect(files).toContain("LICENSE");
      expect(files).toContain("README.md");
      const { stdout: license } = await exec("tar", ["-xzOf", tarballs[name], "package/LICENSE"]);
      expect(license).toBe(readFileSync(join(root, "LICENSE"), "utf8"));
      const { stdout: packed } = await exec("tar", ["-xzOf", tarballs[name], "package/package.json"]);
      expect(manifestProblems(JSON.parse(packed) as Manifest, DIRECTORIES[name])).toEqual([]);
    },
  );

  it("spec ships the four documents, the contract reader and no HTML docs", async () => {
    const files = await listTarball(tarballs.spec);
    // The reader: each module of spec/src compiled to lib/, with its declarations.
    const reader = readdirSync(join(PACKAGES.spec, "src"))
      .filter((file) => file.endsWith(".ts"))
      .flatMap((file) => [`lib/${file.replace(/\.ts$/, ".d.ts")}`, `lib/${file.replace(/\.ts$/, ".js")}`]);
    expect(files.filter((file) => file.startsWith("lib/")).sort()).toEqual(reader.sort());
    expect(files.filter((file) => !file.startsWith("lib/")).sort()).toEqual([
      "LICENSE",
      "README.md",
      "dist/enterprise.json",
      "dist/enterprise.yaml",
      "dist/organizations.json",
      "dist/organizations.yaml",
      "package.json",
    ]);
    const { size } = statSync(tarballs.spec);
    console.log(`@orgadmin/spec tarball: ${(size / 1024).toFixed(0)} KiB`);
  });

  it("spec's JSON imports with an import attribute, as its README shows", async () => {
    const { stdout } = await exec(process.execPath, ["spec-import.mjs"], { cwd: consumer });
    const answer = JSON.parse(stdout) as { openapi: string; paths: number; yamlStartsWith: string };
    expect(answer.openapi).toBe("3.1.0");
    expect(answer.paths).toBeGreaterThan(0);
    expect(answer.yamlStartsWith).toBe("openapi: 3.1.0");
  });

  it.each(["spec", "client", "sandbox"] as const)("%s passes publint", async (name) => {
    const { stdout } = await exec(bin("publint"), ["run", "--strict", tarballs[name]]);
    expect(stdout).toContain("All good!");
  });

  it.each([
    ["client", [".", "./enterprise", "./organizations", "./package.json"]],
    ["sandbox", [".", "./core", "./msw", "./package.json"]],
    // The spec's data files are no modules attw could resolve; its contract readers are its typed entries.
    ["spec", ["./contract", "./portable"]],
  ] as const)("%s passes attw for ESM consumers", async (name, entrypoints) => {
    const only = name === "spec" ? ["--entrypoints", ...entrypoints] : [];
    // attw exits non-zero on a problem in the profile's resolution modes; the JSON shows which modes it checked.
    const { stdout } = await exec(bin("attw"), [
      tarballs[name],
      "--profile",
      "esm-only",
      "--format",
      "json",
      ...only,
    ]);
    const { analysis } = JSON.parse(stdout) as {
      analysis: { entrypoints: Record<string, unknown>; problems: Array<{ resolutionKind?: string }> };
    };
    expect(Object.keys(analysis.entrypoints).sort()).toEqual([...entrypoints]);
    // An ESM-only package resolves nowhere in node10 and only via import() from CJS; everything else must be clean.
    const counted = analysis.problems.filter(
      (p) => p.resolutionKind !== "node10" && p.resolutionKind !== "node16-cjs",
    );
    expect(counted).toEqual([]);
  });

  it("installs with the workspace and catalog versions resolved", async () => {
    const { stdout } = await exec("npm", ["ls", "--json", "--all"], { cwd: consumer });
    const tree = JSON.parse(stdout) as {
      dependencies: Record<string, { version: string; dependencies?: object }>;
    };
    expect(Object.keys(tree.dependencies).sort()).toEqual([
      "@orgadmin/client",
      "@orgadmin/sandbox",
      "@orgadmin/spec",
      "typescript",
    ]);
    expect(tree.dependencies["@orgadmin/client"]?.dependencies).toHaveProperty("openapi-fetch");
    // The sandbox's `workspace:*` dependency became the packed spec's version, met by the installed one.
    const sandboxDeps = tree.dependencies["@orgadmin/sandbox"]?.dependencies as
      | Record<string, { version: string }>
      | undefined;
    expect(sandboxDeps?.["@orgadmin/spec"]?.version).toBe(tree.dependencies["@orgadmin/spec"]?.version);
    // Catalog versions became real ones: ajv is the contract reader's, so the spec's dependency
    // (the sandbox validates through @orgadmin/spec/contract and has none of its own).
    expect(tree.dependencies["@orgadmin/spec"]?.dependencies).toHaveProperty("ajv");
    expect(sandboxDeps).not.toHaveProperty("ajv");
  });

  it("type-checks a strict NodeNext consumer against the installed types", async () => {
    await exec(join(consumer, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.json"], { cwd: consumer });
    expect(existsSync(join(consumer, "dist", "consumer.js"))).toBe(true);
  });

  it("gets answers from Prism serving the installed spec", async () => {
    const resolveSpec = async (file: string) => {
      const script = `console.log(new URL(import.meta.resolve(${JSON.stringify(`@orgadmin/spec/${file}`)})).pathname)`;
      const { stdout } = await exec(process.execPath, ["--input-type=module", "-e", script], {
        cwd: consumer,
      });
      return stdout.trim();
    };
    const enterpriseSpec = await resolveSpec("enterprise.yaml");
    const organizationsSpec = await resolveSpec("organizations.json");
    expect(enterpriseSpec).toBe(
      join(consumer, "node_modules", "@orgadmin", "spec", "dist", "enterprise.yaml"),
    );

    const [enterpriseUrl, organizationsUrl] = await Promise.all([
      startMock(enterpriseSpec, "enterprise"),
      startMock(organizationsSpec, "organizations"),
    ]);
    const { stdout } = await exec(process.execPath, ["main.mjs", enterpriseUrl, organizationsUrl], {
      cwd: consumer,
    });
    const answers = JSON.parse(stdout) as {
      enterpriseMembers: Array<{ email: string; role: string }>;
      organizations: Array<{ id: string; name: string }>;
      unauthorizedStatus: number;
    };
    expect(answers.enterpriseMembers.length).toBeGreaterThan(0);
    expect(answers.enterpriseMembers[0]?.email).toMatch(/@/);
    expect(answers.organizations.length).toBeGreaterThan(0);
    expect(typeof answers.organizations[0]?.name).toBe("string");
    expect(answers.unauthorizedStatus).toBe(401);
  });

  it("gets answers from the installed sandbox, started by its bin and stopped afterwards", async () => {
    const { url, child } = await startInstalledSandbox(consumer);
    sandboxes.push(child);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    try {
      const { stdout } = await exec(process.execPath, ["sandbox-main.mjs", url], { cwd: consumer });
      const answers = JSON.parse(stdout) as {
        organization: { id: string; name: string };
        enterpriseMemberEmails: string[];
      };
      // The README's seed: org_abc123 is "Acme", and alice is the Enterprise admin.
      expect(answers.organization).toEqual({ id: "org_abc123", name: "Acme" });
      expect(answers.enterpriseMemberEmails).toContain("alice@example.com");
    } finally {
      child.kill("SIGTERM");
    }
    // SIGTERM closes the server and exits cleanly; the port no longer answers.
    expect(await exited(child)).toEqual({ code: 0, signal: null });
    await expect(fetch(`${url}/_sandbox/health`)).rejects.toThrow();
  });
});
