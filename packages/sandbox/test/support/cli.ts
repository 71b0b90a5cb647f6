// Runs the built CLI as a child process (so it can be SIGKILLed) and waits for its listening line.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const CLI = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));

export interface RunningCli {
  url: string;
  child: ChildProcess;
  /** Resolves with the exit signal or code. */
  exited: Promise<string>;
}

export async function startCli(args: string[], env: Record<string, string> = {}): Promise<RunningCli> {
  if (!existsSync(CLI))
    throw new Error(`${CLI} is missing: run \`pnpm --filter @orgadmin/sandbox build\` first`);
  const child = spawn(process.execPath, [CLI, "--port", "0", "--quiet", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
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
