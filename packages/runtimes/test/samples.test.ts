// Every code sample of the reference (spec/samples/<api>/<operationId>.{ts,sh,py}, shown on each
// operation as `x-codeSamples`) runs as a reader would run it, against a sandbox on a loopback port
// given in ORGADMIN_BASE_URL, with the key in DEVIN_API_KEY, and gets its operation's documented
// success status. The operations come from the bundles: an operation without a sample in a
// language fails here. TypeScript samples are bundled with esbuild (the type check is
// tsconfig.samples.json); shell samples run under sh with curl; Python ones need python3 with
// requests (Debian: python3-requests), skipped with the reason outside CI and failed in CI.
//
// Each language gets a sandbox of its own: the samples use the spec's example ids, so the same
// delete or create can happen once per state. Within a language, reads run first, then creates,
// updates, and deletes (a member before its organization), so each sample finds what it names.
import { execFile, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { SEED_KEYS, startSandbox } from "@orgadmin/sandbox";
import {
  API_NAMES,
  type ApiName,
  defaultServerUrl,
  type OperationEntry,
  operationsOf,
  readBundle,
  statusesOf,
} from "@orgadmin/spec/contract";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The spec's code samples, in the spec package's own folder (found through its declared entry).
const samplesDir = `${dirname(fileURLToPath(import.meta.resolve("@orgadmin/spec/package.json")))}/samples/`;
const nodeModules = fileURLToPath(new URL("../node_modules/", import.meta.url));

/**
 * The Python that runs the samples (python3 with requests), or why there is none. The one on PATH
 * first (a version manager's may have requests from pip), then the system's (Debian's
 * python3-requests installs there).
 */
function findPython(): { python?: string; problem?: string } {
  const problems: string[] = [];
  for (const candidate of ["python3", "/usr/bin/python3"]) {
    const probe = spawnSync(candidate, ["-c", "import sys, requests; print(sys.executable)"], {
      encoding: "utf8",
    });
    if (probe.error) problems.push(`${candidate} cannot start (${probe.error.message})`);
    else if (probe.status !== 0)
      problems.push(`${candidate} cannot import requests: ${probe.stderr.trim().split("\n").at(-1)}`);
    // The interpreter itself, not a version manager's shim in front of it (one process per sample).
    else return { python: probe.stdout.trim() };
  }
  return { problem: problems.join("; ") };
}
const { python, problem: noPython } = findPython();
const ci = process.env.CI === "true";
if (noPython) {
  console.warn(
    `Python samples ${ci ? "fail (CI runs every sample)" : "skipped"}: ${noPython} (Debian: apt-get install python3-requests)`,
  );
}

/** The key each API's samples run with: a starting-data user allowed every operation. */
const KEYS: Record<ApiName, string> = {
  enterprise: "sandbox-enterprise-admin",
  organizations: "sandbox-owner",
};

interface Language {
  name: string;
  ext: string;
  /** Why it cannot run here, when it cannot. */
  unavailable?: string | undefined;
}
const LANGUAGES: Language[] = [
  { name: "TypeScript", ext: "ts" },
  { name: "curl", ext: "sh" },
  { name: "Python", ext: "py", unavailable: noPython },
];

/** Reads, then creates, updates and deletes; deeper paths first among deletes. */
function runOrder(entries: OperationEntry[]): OperationEntry[] {
  const rank = (e: OperationEntry) => ["get", "post", "put", "patch", "delete"].indexOf(e.method);
  return [...entries].sort((a, b) => {
    const byMethod = rank(a) - rank(b);
    if (byMethod !== 0 || a.method !== "delete") return byMethod;
    return b.path.split("/").length - a.path.split("/").length;
  });
}

/** A loopback proxy in front of the sandbox that records each answer's method, path and status. */
async function recording(target: string) {
  const seen: string[] = [];
  const server = createServer((incoming, outgoing) => {
    const upstream = request(
      new URL(incoming.url ?? "/", target),
      { method: incoming.method, headers: incoming.headers },
      (answer) => {
        const path = new URL(incoming.url ?? "/", target).pathname;
        seen.push(`${incoming.method} ${path} ${answer.statusCode}`);
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}
function run(command: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { env: { ...process.env, ...env }, encoding: "utf8" }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** One sample to run: its operation, its file, and what the sandbox must answer. */
interface Sample {
  language: Language;
  api: ApiName;
  method: string;
  path: string;
  operationId: string;
  status: number;
  file: string;
}

const samples: Sample[] = LANGUAGES.flatMap((language) =>
  API_NAMES.flatMap((api) =>
    runOrder(operationsOf(readBundle(api))).map(({ method, path, operation }) => {
      const operationId = String(operation.operationId);
      return {
        language,
        api,
        method: method.toUpperCase(),
        path,
        operationId,
        status: Number(statusesOf(operation)[0]),
        file: join(samplesDir, api, `${operationId}.${language.ext}`),
      };
    }),
  ),
);

interface Outcome extends Run {
  /** `METHOD /path status` of each request the sample made. */
  calls: string[];
}
const outcomes = new Map<Sample, Outcome>();

const scratch = mkdtempSync(join(tmpdir(), "orgadmin-samples-"));

/** The TypeScript samples, bundled with the built client as a consumer's bundler would. */
async function bundleTypeScript() {
  await build({
    entryPoints: samples.filter((s) => s.language.ext === "ts" && existsSync(s.file)).map((s) => s.file),
    outbase: samplesDir,
    outdir: scratch,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    nodePaths: [nodeModules],
    logLevel: "warning",
  });
}

/** A language's samples in order against a sandbox of its own, behind the recording proxy. */
async function runLanguage(language: Language) {
  const sandbox = await startSandbox({ port: 0, log: () => {} });
  const proxy = await recording(sandbox.url);
  try {
    for (const sample of samples.filter((s) => s.language === language && existsSync(s.file))) {
      const base = new URL(defaultServerUrl(readBundle(sample.api))).pathname.replace(/\/$/, "");
      const env = {
        DEVIN_API_KEY: KEYS[sample.api],
        ORGADMIN_BASE_URL: `${proxy.url}${base}`,
        NO_PROXY: "127.0.0.1,localhost",
        no_proxy: "127.0.0.1,localhost",
      };
      const [command, ...args] =
        language.ext === "ts"
          ? [process.execPath, join(scratch, sample.api, `${sample.operationId}.mjs`)]
          : language.ext === "sh"
            ? ["sh", sample.file]
            : [python ?? "python3", sample.file];
      const from = proxy.seen.length;
      const result = await run(command as string, args, env);
      outcomes.set(sample, { ...result, calls: proxy.seen.slice(from) });
    }
  } finally {
    await proxy.close();
    await sandbox.close();
  }
}

// Every sample runs here, the languages in parallel; the tests below judge one sample each.
beforeAll(async () => {
  await bundleTypeScript();
  await Promise.all(LANGUAGES.filter((l) => !l.unavailable).map(runLanguage));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.each(LANGUAGES)("$name samples", (language) => {
  // Outside CI a language that cannot run here is skipped (with the warning above); in CI it fails.
  it.skipIf(language.unavailable && !ci).each(samples.filter((s) => s.language === language))(
    "$api $operationId: $method $path → $status",
    (sample) => {
      if (language.unavailable) {
        throw new Error(
          `CI runs every sample: ${language.unavailable} (Debian: apt-get install python3-requests)`,
        );
      }
      const shown = `spec/samples/${sample.api}/${sample.operationId}.${language.ext}`;
      expect(existsSync(sample.file), `${shown} is missing`).toBe(true);
      // Unset, the sample calls the API's first server: the one the spec names.
      expect(readFileSync(sample.file, "utf8"), shown).toContain(defaultServerUrl(readBundle(sample.api)));

      const outcome = outcomes.get(sample);
      expect(outcome?.code, `${shown}\n${outcome?.stdout}\n${outcome?.stderr}`).toBe(0);
      expect(outcome?.calls, shown).toHaveLength(1);
      const [method, path, status] = (outcome?.calls[0] ?? "").split(" ");
      const base = new URL(defaultServerUrl(readBundle(sample.api))).pathname.replace(/\/$/, "");
      expect({ method, status: Number(status) }, shown).toEqual({
        method: sample.method,
        status: sample.status,
      });
      expect(path, shown).toMatch(new RegExp(`^${`${base}${sample.path}`.replace(/\{[^}]+\}/g, "[^/]+")}$`));
    },
  );
});

it("runs with keys the sandbox's starting data has", () => {
  const known = SEED_KEYS.map(({ key }) => key);
  for (const key of Object.values(KEYS)) expect(known).toContain(key);
});
