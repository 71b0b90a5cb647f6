// No Prism outlives a run of this suite: its global setup takes the Prism down when a run fails or
// is interrupted. (How a single Prism starts and stops is proven in @orgadmin/prism.)
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isGroupAlive } from "@orgadmin/prism";
import { describe, expect, it } from "vitest";
import { pidsFile } from "../src/run-dir.js";

const here = dirname(fileURLToPath(import.meta.url));
const scratch = (): string => mkdtempSync(join(tmpdir(), "orgadmin-prism-"));

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function exited(child: ChildProcess): Promise<number | string> {
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal ?? "")));
}

/** A nested vitest run of a lifecycle fixture, with the suite's real Prism setup. */
function nestedRun(fixture: string, dir: string): { child: ChildProcess; output: () => string } {
  const vitestPkg = createRequire(import.meta.url).resolve("vitest/package.json");
  const bin = join(dirname(vitestPkg), "vitest.mjs");
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST") && !k.startsWith("CONTRACT_")),
  );
  const child = spawn(
    process.execPath,
    [bin, "run", "--config", join(here, "fixtures/lifecycle/vitest.config.ts"), fixture],
    {
      env: { ...env, CONTRACT_RUN_DIR: dir, CONTRACT_APIS: "enterprise" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  return { child, output: () => output };
}

const prismPids = (dir: string): number[] => JSON.parse(readFileSync(pidsFile(dir), "utf8")) as number[];

describe.concurrent("Prism lifecycle", () => {
  it("leaves no Prism after a failing run", async () => {
    const dir = scratch();
    const run = nestedRun("fails.fixture.ts", dir);
    const code = await exited(run.child);
    expect(code, run.output()).toBe(1);
    expect(run.output()).toContain("fails on purpose");
    const pids = prismPids(dir);
    expect(pids).toHaveLength(1);
    for (const pid of pids) expect(isGroupAlive(pid)).toBe(false);
  });

  it.each(["SIGINT", "SIGTERM"] as const)("leaves no Prism after a run interrupted by %s", async (signal) => {
    const dir = scratch();
    const run = nestedRun("waits.fixture.ts", dir);
    const done = exited(run.child);
    await until(() => existsSync(join(dir, "ready")), 30_000);
    const pids = prismPids(dir);
    expect(pids).toHaveLength(1);
    for (const pid of pids) expect(isGroupAlive(pid)).toBe(true);
    run.child.kill(signal);
    await done;
    await until(() => pids.every((pid) => !isGroupAlive(pid)), 5_000);
    for (const pid of pids) expect(isGroupAlive(pid)).toBe(false);
  });
});
