// Each bundle works with third-party generators as it is: @hey-api/openapi-ts and swagger-typescript-api
// each generate a fetch client from it without a warning we would have to explain, and a small strict
// consumer of each client type-checks (its `@ts-expect-error` lines prove the types are not `any`: a
// v1 payload assigned to a wrong type must not compile). swagger-typescript-api types a schema-less
// property as `any`, so it is the one that catches an envelope whose `data` is not typed per response.
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify, stripVTControlCharacters } from "node:util";
import { defaultServerUrl, readBundle } from "@orgadmin/spec/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const exec = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const bin = (name: string) => join(here, "..", "node_modules", ".bin", name);
const APIS = ["enterprise", "organizations"] as const;

let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "orgadmin-interop-"));
  writeFileSync(join(scratch, "package.json"), '{ "private": true, "type": "module" }\n');
  for (const file of ["tsconfig.json", "enterprise-consumer.ts", "organizations-consumer.ts"])
    cpSync(join(here, "interop", file), join(scratch, file));
  cpSync(join(here, "interop", "sta"), join(scratch, "sta"), { recursive: true });
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe("@hey-api/openapi-ts", () => {
  it.each(APIS)("generates a fetch client from the %s bundle that defaults to its server", async (api) => {
    const bundle = fileURLToPath(import.meta.resolve(`@orgadmin/spec/${api}.json`));
    const { stdout, stderr } = await exec(
      bin("openapi-ts"),
      [
        "--input",
        bundle,
        "--output",
        join(scratch, api),
        "--client",
        "@hey-api/client-fetch",
        "--no-log-file",
      ],
      { cwd: scratch, env: { ...process.env, NO_COLOR: "1" } },
    );
    // It colours its output whatever NO_COLOR says.
    const output = stripVTControlCharacters(stdout + stderr);
    // The generator's one line per job: a tick, the output folder and how many files it wrote.
    expect(output).toMatch(new RegExp(`✓ \\S*${api} · \\d+ files`));
    expect(output).not.toMatch(/warn|error/i);
    const generated = readFileSync(join(scratch, api, "client.gen.ts"), "utf8");
    expect(generated).toContain(`baseUrl: '${defaultServerUrl(readBundle(api))}'`);
  });

  it("type-checks a strict consumer of both generated clients", async () => {
    expect(await typeCheck(scratch)).toBe("");
  });
});

describe("swagger-typescript-api", () => {
  it.each(APIS)("generates a fetch client from the %s bundle", async (api) => {
    const bundle = fileURLToPath(import.meta.resolve(`@orgadmin/spec/${api}.json`));
    const out = join(scratch, "sta");
    const { stdout, stderr } = await exec(
      bin("swagger-typescript-api"),
      ["generate", "--path", bundle, "--output", out, "--name", `${api}.ts`, "--silent"],
      { cwd: scratch, env: { ...process.env, NO_COLOR: "1" } },
    );
    // `--silent` prints errors only.
    expect(stdout + stderr).toBe("");
    expect(readFileSync(join(out, `${api}.ts`), "utf8")).toContain("export class Api<");
  });

  it("type-checks a strict consumer of both generated clients", async () => {
    expect(await typeCheck(join(scratch, "sta"))).toBe("");
  });
});

/** tsc's diagnostics for the project in `dir`: empty when it type-checks. */
async function typeCheck(dir: string): Promise<string> {
  const tsc = join(here, "..", "node_modules", "typescript", "bin", "tsc");
  // tsc prints its diagnostics on stdout and exits non-zero: keep them for the failure message.
  const { stdout } = await exec(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: dir }).catch(
    (error: { stdout: string }) => ({ stdout: error.stdout }),
  );
  return stdout;
}
