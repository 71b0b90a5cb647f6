// Section 6: the sandbox server under load. Its own script (packages/sandbox/bench/load.ts) is the
// `bench` task of @orgadmin/sandbox, which turbo runs in the same `pnpm bench`, so by default it is
// only pointed at here, not run twice. BENCH_ONLY=sandbox runs it from this package.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { quietEnv, repoRoot } from "./processes.js";
import { printTable } from "./table.js";

const sandboxDir = join(repoRoot, "packages", "sandbox");

function hasLoadScript(): boolean {
  const manifest = join(sandboxDir, "package.json");
  if (!existsSync(manifest) || !existsSync(join(sandboxDir, "bench", "load.ts"))) return false;
  const { scripts } = JSON.parse(readFileSync(manifest, "utf8")) as { scripts?: Record<string, string> };
  return Boolean(scripts?.bench);
}

export async function runSandboxLoad(explicit: boolean): Promise<void> {
  const present = hasLoadScript();
  if (!explicit || !present) {
    printTable(
      "6. Sandbox load",
      ["source", "status"],
      [
        [
          "packages/sandbox/bench/load.ts",
          present
            ? "printed by the @orgadmin/sandbox:bench task of this same `pnpm bench`"
            : "not present yet: nothing to run (this hook runs it once it exists)",
        ],
      ],
    );
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const child = spawn("pnpm", ["run", "bench"], { cwd: sandboxDir, env: quietEnv, stdio: "inherit" });
    child.once("error", reject);
    child.once("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`sandbox bench exited with ${code}`)),
    );
  });
}
