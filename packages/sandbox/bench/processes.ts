// What the sandbox's bench scripts share: a sandbox CLI as a process of its own, the load generator
// as another, and how figures over rounds are printed.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { LoadOptions, LoadResult, Targets } from "./load-mix.js";

export const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** The CLI compiled with this bench. */
export const THIS_CLI = here("../src/cli.js");

export interface SandboxProcess {
  url: string;
  /** Where each API answers on it, for the load generator. */
  targets: Targets;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** A sandbox CLI (`cli`, with `args`) on a free port, once it says where it listens. */
export async function startSandboxProcess(cli: string, args: string[] = []): Promise<SandboxProcess> {
  const child = spawn(process.execPath, [cli, "--port", "0", "--quiet", ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (m?.[1]) resolve(m[1]);
    });
    child.once("exit", (code) => reject(new Error(`${cli} exited (${code}) before listening:\n${output}`)));
  });
  const targets = { organizations: url, enterprise: `${url}/v2/enterprise` };
  return { url, targets, child, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** One run of the load generator (load-runner.js) in a process of its own, so it never shares the server's CPU time slice. */
export function runLoadProcess(targets: Targets, options: LoadOptions): Promise<LoadResult> {
  const child = spawn(process.execPath, [here("./load-runner.js"), JSON.stringify({ targets, options })], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) =>
      code === 0
        ? resolve(JSON.parse(output) as LoadResult)
        : reject(new Error(`load generator exited ${code}`)),
    );
  });
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? Number.NaN;
};

/** `median [min–max]`. */
export const spread = (xs: number[], digits: number): string =>
  `${median(xs).toFixed(digits)} [${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}]`;
