// Child processes the pack and registry tests start: each is waited on by the line it prints when ready
// (never by the clock; the ceiling only ends a hang) and stopped by its own pid.
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";

/** Only ends a start that hangs; a start waits for its listening line, not for this. */
const START_CEILING_MS = 60_000;

/** Resolves with the child's exit code and signal, at once if it has already exited. */
export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

/** Resolves with the first match of `pattern` in the child's stdout or stderr; rejects if it exits first. */
export function waitForLine(child: ChildProcess, pattern: RegExp, what: string): Promise<RegExpExecArray> {
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(`${what}: no line matching ${pattern} within ${START_CEILING_MS / 1000} s:\n${output}`),
        ),
      START_CEILING_MS,
    );
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
}

/**
 * Starts the `orgadmin-sandbox` bin installed in `project`, as a downstream CI job would, on 127.0.0.1
 * and a free port; resolves with its URL once it prints its listening line.
 */
export async function startInstalledSandbox(project: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(join(project, "node_modules", ".bin", "orgadmin-sandbox"), ["--port", "0", "--quiet"], {
    cwd: project,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const match = await waitForLine(
    child,
    /listening on (http:\/\/127\.0\.0\.1:\d+)/,
    "orgadmin-sandbox",
  ).catch((error: unknown) => {
    child.kill("SIGKILL");
    throw error;
  });
  return { url: match[1] as string, child };
}
