// Runs the built CLI (or a sandbox child process) so it can be SIGKILLed, and waits for its
// listening line.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const CLI = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));
/** A sandbox started through the test entry (test/support/sandbox-child.mjs). */
export const CHILD = fileURLToPath(new URL("./sandbox-child.mjs", import.meta.url));
/** Starts and stops sandboxes on the lines of its stdin (test/support/race-child.mjs). */
export const RACE_CHILD = fileURLToPath(new URL("./race-child.mjs", import.meta.url));

export interface RunningCli {
  url: string;
  child: ChildProcess;
  /** Resolves with the exit signal or code. */
  exited: Promise<string>;
}

export function startCli(args: string[], env: Record<string, string> = {}): Promise<RunningCli> {
  return startProcess([CLI, "--port", "0", "--quiet", ...args], env);
}

/** `sandbox-child.mjs FILE [flags]`; stop it by ending its stdin or by a signal. */
export function startChild(args: string[]): Promise<RunningCli> {
  return startProcess([CHILD, ...args], {}, "pipe");
}

async function startProcess(
  argv: string[],
  env: Record<string, string>,
  stdin: "ignore" | "pipe" = "ignore",
): Promise<RunningCli> {
  if (!existsSync(CLI))
    throw new Error(`${CLI} is missing: run \`pnpm --filter @orgadmin/sandbox build\` first`);
  const child = spawn(process.execPath, argv, {
    stdio: [stdin, "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  const exited = new Promise<string>((resolve) => {
    child.once("exit", (code, signal) => resolve(signal ?? String(code)));
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    // A generous ceiling: on a busy machine a Node start can take seconds.
    const timer = setTimeout(() => reject(new Error(`no listening line within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", () => {
      clearTimeout(timer);
      reject(new Error(`the sandbox exited before listening:\n${output}`));
    });
  });
  return { url, child, exited };
}

/**
 * The output of a start that is expected to fail. A start that succeeds after all is stopped (so no
 * process outlives the test) and reported as an error.
 */
export async function startupFailure(args: string[]): Promise<string> {
  let started: RunningCli;
  try {
    started = await startCli(args);
  } catch (error) {
    return (error as Error).message;
  }
  started.child.kill("SIGTERM");
  await started.exited;
  throw new Error(`the sandbox started with ${args.join(" ")}`);
}
