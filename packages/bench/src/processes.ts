import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

export const benchDir = fileURLToPath(new URL("..", import.meta.url));
export const specDir = dirname(require.resolve("@orgadmin/spec/package.json"));
export const repoRoot = join(specDir, "..");

/** A binary from this package's own dependencies. */
export function bin(name: string): string {
  return join(benchDir, "node_modules", ".bin", name);
}

export const quietEnv = {
  ...process.env,
  REDOCLY_TELEMETRY: "off",
  REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
  SCARF_ANALYTICS: "false",
  TURBO_TELEMETRY_DISABLED: "1",
  NO_COLOR: "1",
};

/** Runs a command to completion and returns its wall time in ms; throws with its output if it fails. */
export async function timed(
  command: string,
  args: readonly string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<number> {
  return (await timedWithOutput(command, args, cwd, env)).ms;
}

/** As `timed`, also returning what the command printed. */
export function timedWithOutput(
  command: string,
  args: readonly string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<{ ms: number; output: string }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, {
      cwd,
      env: { ...quietEnv, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("error", reject);
    child.once("close", (code) => {
      const elapsed = performance.now() - start;
      if (code === 0) resolve({ ms: elapsed, output });
      else reject(new Error(`${command} ${args.join(" ")} exited with ${code}:\n${output.slice(-4000)}`));
    });
  });
}

/** Wall time of one awaited step (e.g. a Redocly run through its runner), in ms. */
export async function timedStep(step: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await step();
  return performance.now() - start;
}
