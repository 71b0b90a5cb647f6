// No Prism outlives a run of this suite: its global setup takes the Prism down when a run fails or
// is interrupted. (How a single Prism starts and stops is proven in @orgadmin/prism.)
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isGroupAlive } from "@orgadmin/prism";
import { describe, expect, it } from "vitest";
import { pidsFile } from "../src/run-dir.js";
import { runSuite } from "../src/runner.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const scratch = (): string => mkdtempSync(join(tmpdir(), "orgadmin-prism-"));

/** Ceilings for a busy machine, not budgets: each wait ends on its event long before. */
const READY_CEILING_MS = 120_000;
const GONE_CEILING_MS = 60_000;

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A nested vitest run of a lifecycle fixture, with the suite's real Prism setup. */
const nestedRun = (fixture: string, dir: string) =>
  runSuite({
    args: ["--config", join(here, "fixtures/lifecycle/vitest.config.ts"), fixture],
    env: { CONTRACT_RUN_DIR: dir, CONTRACT_APIS: "enterprise" },
  });

const prismPids = (dir: string): number[] => JSON.parse(readFileSync(pidsFile(dir), "utf8")) as number[];

describe.concurrent("Prism lifecycle", () => {
  it("leaves no Prism after a failing run", async () => {
    const dir = scratch();
    const run = nestedRun("fails.fixture.ts", dir);
    const code = await run.exited;
    expect(code, run.output()).toBe(1);
    expect(run.output()).toContain("fails on purpose");
    const pids = prismPids(dir);
    expect(pids).toHaveLength(1);
    for (const pid of pids) expect(isGroupAlive(pid)).toBe(false);
  });

  it.each(["SIGINT", "SIGTERM"] as const)("leaves no Prism after a run interrupted by %s", async (signal) => {
    const dir = scratch();
    const run = nestedRun("waits.fixture.ts", dir);
    await until(() => existsSync(join(dir, "ready")), READY_CEILING_MS);
    const pids = prismPids(dir);
    expect(pids).toHaveLength(1);
    for (const pid of pids) expect(isGroupAlive(pid)).toBe(true);
    run.child.kill(signal);
    await run.exited;
    await until(() => pids.every((pid) => !isGroupAlive(pid)), GONE_CEILING_MS);
    for (const pid of pids) expect(isGroupAlive(pid)).toBe(false);
  });
});
