// @ts-check
// `pnpm test:runtimes`: the client's tests and the contract suite under each pinned Node, and the
// client's runtime smoke test (against a fresh sandbox on a free port) under every runtime.
// Prints one line per runtime with its version and result, then "runtimes: N passed, N failed"
// over every test run (a suite that crashed before counting counts as one failure).
// Each suite's whole output goes to artifacts/runtimes/<runtime>-<suite>.log.
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { delimiter, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { suiteCommand, suiteDir } from "@orgadmin/contract-tests";
import { startSandbox } from "@orgadmin/sandbox";
import { summarize } from "../../../scripts/test-summary.mjs";
import { cacheDir, ensureRuntime } from "./install.mjs";
import { RUNTIMES } from "./runtimes.mjs";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const logDir = join(root, "artifacts", "runtimes");
const smoke = fileURLToPath(new URL("../test/runtime-smoke.mjs", import.meta.url));
const inProcess = fileURLToPath(new URL("../smoke/in-process.mjs", import.meta.url));
// The client's own directory and its vitest, found through its declared entry.
const require = createRequire(import.meta.url);
const clientDir = dirname(require.resolve("@orgadmin/client/package.json"));
const clientVitest = join(
  dirname(createRequire(join(clientDir, "package.json")).resolve("vitest/package.json")),
  "vitest.mjs",
);
// A hang guard, not a budget: a healthy suite takes well under a minute.
const CEILING_MS = 10 * 60_000;

/** @typedef {{ cwd: string, args: string[], bin: string }} Command */
/** @typedef {(bin: string, runtime: import("./runtimes.mjs").Runtime, url?: string) => Command} Suite */

/** @type {Record<string, Suite>} */
const SUITES = {
  // Type tests only prove what tsc thinks of the sources, whatever runs it: `pnpm test` has them.
  client: (bin) => ({
    cwd: clientDir,
    args: [clientVitest, "run", "--typecheck.enabled=false"],
    bin,
  }),
  // The suite proper (every operation × status of both APIs through the client, against Prism)
  // and its coverage gate; the suite's proofs about itself (nested runs, its Prism cleanup) test
  // the harness, not the runtime, and run in `pnpm test`.
  contract: (bin) => ({ cwd: suiteDir, args: suiteCommand(), bin }),
  smoke: (bin, runtime, url) => ({
    cwd: dirname(smoke),
    bin,
    // Deno gets the network of the loopback address alone: the client needs nothing more.
    args:
      runtime.name === "deno"
        ? ["run", "--no-lock", "--allow-net=127.0.0.1", smoke, `${url}`]
        : [smoke, `${url}`],
  }),
  // The sandbox's core in process (no port): Deno gets no permission at all.
  "in-process": (bin, runtime) => ({
    cwd: fileURLToPath(new URL("..", import.meta.url)),
    bin,
    args: runtime.name === "deno" ? ["run", "--no-lock", inProcess] : [inProcess],
  }),
};

for (const built of ["@orgadmin/client", "@orgadmin/sandbox"]) {
  try {
    require.resolve(built);
  } catch {
    throw new Error(`${built} is not built: run pnpm build first`);
  }
}
mkdirSync(logDir, { recursive: true });

/** @type {import("node:child_process").ChildProcess | undefined} */
let current;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (current?.pid) process.kill(-current.pid, "SIGTERM");
    process.exit(130);
  });
}

/**
 * Runs one suite, its output to a log file; resolves when the process has exited.
 * @param {Command} command
 * @param {string} logFile
 * @returns {Promise<{ ok: boolean, exit: string | number | null }>}
 */
function runSuite({ cwd, args, bin }, logFile) {
  return new Promise((resolve) => {
    const log = createWriteStream(logFile);
    // The runtime's own directory first on PATH: whatever a suite spawns by name runs on it too.
    /** @type {NodeJS.ProcessEnv} */
    const env = { ...process.env, PATH: `${dirname(bin)}${delimiter}${process.env.PATH}`, NO_COLOR: "1" };
    delete env.FORCE_COLOR;
    // Its own process group, so the hang guard and an interrupt stop everything it started.
    const child = spawn(bin, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    current = child;
    const stop = () => {
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    };
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    const guard = setTimeout(() => {
      log.write(`\n[test:runtimes] still running after ${CEILING_MS / 60_000} min: stopped\n`);
      stop();
    }, CEILING_MS);
    let done = false;
    /** @param {string | number | null} exit */
    const finish = (exit) => {
      if (done) return;
      done = true;
      clearTimeout(guard);
      current = undefined;
      log.end(() => resolve({ ok: exit === 0, exit }));
    };
    // A binary that cannot start reports an error and may never close.
    child.on("error", (error) => {
      log.write(`\n[test:runtimes] ${error.message}\n`);
      finish(error.message);
    });
    child.on("close", (code, signal) => finish(signal ?? code));
  });
}

/** @param {number} ms */
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
let passed = 0;
let failed = 0;

console.log(`runtimes cache: ${cacheDir()}`);
for (const runtime of RUNTIMES) {
  const label = `${runtime.name} ${runtime.version}`;
  const started = Date.now();
  /** @type {string[]} */
  const parts = [];
  /** @type {Array<{ suite: string, error?: unknown, logFile?: string, exit?: string | number | null }>} */
  const problems = [];
  let installedNote = "";
  try {
    const installStart = Date.now();
    const { bin, installed } = await ensureRuntime(runtime);
    if (installed) installedNote = `, installed in ${seconds(Date.now() - installStart)}`;
    for (const suite of runtime.suites) {
      const logFile = join(logDir, `${runtime.name}-${runtime.version}-${suite}.log`);
      const sandbox = suite === "smoke" ? await startSandbox({ port: 0 }) : undefined;
      let result;
      try {
        const command = SUITES[suite];
        if (!command) throw new Error(`unknown suite ${suite}`);
        result = await runSuite(command(bin, runtime, sandbox?.url), logFile);
      } finally {
        await sandbox?.close();
      }
      const counts = summarize(readFileSync(logFile, "utf8"));
      // A non-zero exit with nothing counted failed (a crash, a type error, an unhandled error).
      const suiteFailed = counts.failed || (result.ok && counts.runs > 0 ? 0 : 1);
      passed += counts.passed;
      failed += suiteFailed;
      parts.push(
        `${suite} ${counts.passed}${suiteFailed ? `/${counts.passed + suiteFailed} (${suiteFailed} failed)` : ""}`,
      );
      if (suiteFailed) problems.push({ suite, logFile, exit: result.exit });
    }
  } catch (error) {
    failed += 1;
    problems.push({ suite: "setup", error });
  }
  const status = problems.length ? "FAILED" : "passed";
  const line = `${label.padEnd(15)} ${status.padEnd(7)} ${parts.join(", ")}  (${seconds(Date.now() - started)}${installedNote})`;
  console.log(line);
  for (const problem of problems) {
    if (problem.error || !problem.logFile) {
      console.log(
        `  ${problem.suite}: ${problem.error instanceof Error ? problem.error.message : problem.error}`,
      );
      continue;
    }
    // The failing tests' own lines (never the summary line, which CI would count a second time).
    const text = readFileSync(problem.logFile, "utf8");
    const failing = text
      .split("\n")
      .filter((l) => /\bFAIL\b|×|^not ok|Error:/.test(l) && !/\bTests\s+.*\(\d+\)\s*$/.test(l))
      .slice(0, 30);
    console.log(`  ${problem.suite} exited ${problem.exit}; log: ${relative(root, problem.logFile)}`);
    for (const l of failing) console.log(`    ${l.trim()}`);
  }
}
console.log(`runtimes: ${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
