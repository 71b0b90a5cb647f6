// A nested vitest run of this package (its own config, or a fixture's), for tests that must see
// what a whole run does: its exit code, its output, the files it leaves.
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE_DIR = fileURLToPath(new URL("../../", import.meta.url));

export interface NestedRun {
  child: ChildProcess;
  output: () => string;
  /** The exit code, or the signal that ended the run. */
  exited: Promise<number | string>;
}

/** `vitest <args>` in this package, with none of the outer run's VITEST_* or CONTRACT_* settings. */
export function nestedVitest(args: readonly string[], env: Record<string, string>): NestedRun {
  const bin = join(dirname(createRequire(import.meta.url).resolve("vitest/package.json")), "vitest.mjs");
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST") && !k.startsWith("CONTRACT_")),
  );
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: PACKAGE_DIR,
    env: { ...inherited, NO_COLOR: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | string>((resolve) =>
    child.once("exit", (code, signal) => resolve(code ?? signal ?? "")),
  );
  return { child, output: () => output, exited };
}
