// The contract suite's entry for other packages (`@orgadmin/contract-tests`): the command that runs
// it and a run of it as a child process. Callers say what to run (the suite proper unless told) and
// where to aim it (CONTRACT_* variables); nothing of the caller's own vitest or contract run leaks in.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** This package's directory: the suite runs here, under its own vitest config. */
export const suiteDir = fileURLToPath(new URL("..", import.meta.url));

const vitest = join(dirname(createRequire(import.meta.url).resolve("vitest/package.json")), "vitest.mjs");

/** The suite proper: every operation × documented status of both APIs, then the coverage gate. */
export const SUITE_PROPER = ["--project", "contract", "--project", "coverage-gate"];

/** What a JavaScript runtime is given, in `suiteDir`, to run `vitest run <args>`. */
export function suiteCommand(args = SUITE_PROPER) {
  return [vitest, "run", ...args];
}

/** Runs the suite under `node` (this process's runtime unless told): its output and how it ended. */
export function runSuite({ args = SUITE_PROPER, env = {}, node = process.execPath } = {}) {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST") && !k.startsWith("CONTRACT_")),
  );
  const child = spawn(node, suiteCommand(args), {
    cwd: suiteDir,
    env: { ...inherited, NO_COLOR: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise((resolve) =>
    child.once("exit", (code, signal) => resolve(code ?? signal ?? "")),
  );
  return { child, output: () => output, exited };
}
