// Section 6: the sandbox server under load. Its own script (packages/sandbox/bench/load.ts) is the
// `bench` task of @orgadmin/sandbox, which turbo runs in the same `pnpm bench`, so by default it is
// only pointed at here, not run twice. BENCH_ONLY=sandbox runs it from this package.
import { spawn } from "node:child_process";
import { quietEnv, repoRoot } from "./processes.js";
import { printTable } from "./table.js";

export async function runSandboxLoad(explicit: boolean): Promise<void> {
  if (!explicit) {
    printTable(
      "6. Sandbox load",
      ["source", "status"],
      [
        [
          "packages/sandbox/bench/load.ts",
          "printed by the @orgadmin/sandbox:bench task of this same `pnpm bench`",
        ],
      ],
    );
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const child = spawn("pnpm", ["--filter", "@orgadmin/sandbox", "run", "bench"], {
      cwd: repoRoot,
      env: quietEnv,
      stdio: "inherit",
    });
    child.once("error", reject);
    child.once("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`sandbox bench exited with ${code}`)),
    );
  });
}
