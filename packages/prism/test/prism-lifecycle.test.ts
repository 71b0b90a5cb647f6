// No Prism outlives the process that started it: stopped by its own pid, killed with its group
// when startup fails, and taken down when that process is interrupted or crashes.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isGroupAlive, startPrism } from "../src/prism.js";
import { processesMentioning } from "./support/processes.js";

const fixture = (name: string): string => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));
const spec = fixture("members.json");
const scratch = (): string => mkdtempSync(join(tmpdir(), "orgadmin-prism-"));

/** How long a signalled process group may take to go: a ceiling for a busy machine, not a budget. */
const GONE_CEILING_MS = 60_000;

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A plain Node process holding one Prism (built module, cleanup handlers installed). */
function holder(ending: "wait" | "crash"): {
  child: ChildProcess;
  pid: Promise<number>;
  exited: Promise<number | string>;
  output: () => string;
} {
  const child = spawn(process.execPath, [fixture("holds-prism.mjs"), spec, scratch(), ending], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const pid = new Promise<number>((resolve, reject) => {
    child.stdout?.on("data", (chunk) => {
      output += chunk;
      const line = /^\{.*\}$/m.exec(output);
      if (line) resolve((JSON.parse(line[0]) as { pid: number }).pid);
    });
    child.once("exit", () => reject(new Error(`holder exited before reporting a pid:\n${output}`)));
  });
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | string>((resolve) =>
    child.once("exit", (code, signal) => resolve(code ?? signal ?? "")),
  );
  return { child, pid, exited, output: () => output };
}

describe.concurrent("Prism lifecycle", () => {
  it("stops a Prism by its own pid, its whole process group with it", async () => {
    const dir = scratch();
    const prism = await startPrism({ spec, logFile: join(dir, "prism.log") });
    expect(isGroupAlive(prism.pid)).toBe(true);
    expect((await fetch(`${prism.url}/members`)).status).toBe(401);
    await prism.stop();
    expect(isGroupAlive(prism.pid)).toBe(false);
    await expect(fetch(`${prism.url}/members`)).rejects.toThrow();
  });

  it("prints Prism's output and leaves no process when startup fails", async () => {
    const dir = scratch();
    const spec = join(dir, "not-an-openapi-document.json");
    writeFileSync(spec, JSON.stringify({ hello: "world" }));
    // Prism refuses the document and exits: the start fails on that exit, with Prism's own words.
    const started = startPrism({ spec, logFile: join(dir, "prism.log") });
    await expect(started).rejects.toThrow(/Prism exited [\s\S]*--- .*prism\.log ---\n\S/);
    expect(processesMentioning(spec)).toEqual([]);
  });

  it.each(["SIGINT", "SIGTERM", "SIGHUP"] as const)(
    "takes its Prism down when the process that started it gets %s",
    async (signal) => {
      const run = holder("wait");
      const pid = await run.pid;
      expect(isGroupAlive(pid)).toBe(true);
      run.child.kill(signal);
      // With no handler of its own left, the process dies of the signal it was sent.
      expect(await run.exited, run.output()).toBe(signal);
      await until(() => !isGroupAlive(pid), GONE_CEILING_MS);
      expect(isGroupAlive(pid)).toBe(false);
    },
  );

  it("takes its Prism down when the process that started it crashes", async () => {
    const run = holder("crash");
    const pid = await run.pid;
    expect(await run.exited, run.output()).toBe(1);
    expect(run.output()).toContain("crashes on purpose");
    await until(() => !isGroupAlive(pid), GONE_CEILING_MS);
    expect(isGroupAlive(pid)).toBe(false);
  });
});
