// @ts-check
// Installs a pinned runtime into a per-user cache on first use (npm, into a folder of its own;
// nothing global, no install scripts) and checks that the binary reports the pinned version.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { packageFor } from "./runtimes.mjs";

const exec = promisify(execFile);

/** `$ORGADMIN_RUNTIMES_CACHE`, else `$XDG_CACHE_HOME/orgadmin-runtimes`, else `~/.cache/orgadmin-runtimes`. */
export function cacheDir(env = process.env) {
  return (
    env.ORGADMIN_RUNTIMES_CACHE || join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "orgadmin-runtimes")
  );
}

/**
 * The path of the runtime's binary, installing it first when the cache lacks it.
 * @param {import("./runtimes.mjs").Runtime} runtime
 * @returns {Promise<{ bin: string, installed: boolean, reported: string }>}
 */
export async function ensureRuntime(runtime, dir = cacheDir()) {
  const { spec, binary } = packageFor(runtime);
  const home = join(dir, `${runtime.name}-${runtime.version}-${process.platform}-${process.arch}`);
  const bin = join(home, "node_modules", binary);
  let installed = false;
  if (!existsSync(bin)) {
    mkdirSync(dir, { recursive: true });
    // Installed beside the cache, then renamed into place: a run interrupted mid-install, or two
    // runs at once, never leave a half-installed runtime where the next run would use it.
    const staging = mkdtempSync(join(dir, ".staging-"));
    try {
      await exec(
        "npm",
        [
          "install",
          "--prefix",
          staging,
          "--no-save",
          "--no-package-lock",
          "--no-audit",
          "--no-fund",
          "--ignore-scripts",
          "--loglevel=error",
          spec,
        ],
        { maxBuffer: 16 * 1024 * 1024 },
      );
      if (!existsSync(join(staging, "node_modules", binary))) {
        throw new Error(`npm install ${spec} brought no ${binary}`);
      }
      try {
        renameSync(staging, home);
        installed = true;
      } catch (error) {
        // Another run installed it first: use theirs.
        if (!existsSync(bin)) throw error;
      }
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }
  const { stdout } = await exec(bin, ["--version"]);
  const reported = stdout.trim().split("\n")[0] ?? "";
  if (!new RegExp(`(?<![\\d.])${runtime.version.replaceAll(".", "\\.")}(?![\\d.])`).test(reported)) {
    throw new Error(`${bin} reports "${reported}", not ${runtime.version}`);
  }
  return { bin, installed, reported };
}
