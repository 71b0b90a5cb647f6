// Throwaway git repositories shaped like this workspace: spec/, a client, every private package the
// real `.changeset/config.json` ignores (changesets refuses an ignore entry with no package), that
// config itself, and a release tagged as `changeset publish` tags it.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const workspaceRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");
export const realChangesetConfig = readFileSync(join(workspaceRoot, ".changeset", "config.json"), "utf8");
const ignored = (JSON.parse(realChangesetConfig) as { ignore: string[] }).ignore;

export interface TempRepo {
  dir: string;
  write(path: string, content: string | object): void;
  git(...args: string[]): string;
  commit(message: string): void;
  /** Adds `.changeset/<id>.md` with the given bumps. */
  changeset(id: string, releases: Record<string, "major" | "minor" | "patch">, summary?: string): void;
  remove(): void;
}

const pkg = (name: string, version: string, extra: object = {}) => ({ name, version, ...extra });

export function createTempRepo(spec: object, version = "1.0.0"): TempRepo {
  const dir = mkdtempSync(join(tmpdir(), "orgadmin-gate-"));
  const repo: TempRepo = {
    dir,
    write(path, content) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(
        join(dir, path),
        typeof content === "string" ? content : `${JSON.stringify(content, null, 2)}\n`,
      );
    },
    git(...args) {
      return execFileSync("git", args, { cwd: dir, encoding: "utf8" }).trim();
    },
    commit(message) {
      repo.git("add", "-A");
      repo.git("commit", "-q", "-m", message);
    },
    changeset(id, releases, summary = `Change ${id}.`) {
      const front = Object.entries(releases).map(([name, bump]) => `"${name}": ${bump}`);
      repo.write(`.changeset/${id}.md`, `---\n${front.join("\n")}\n---\n\n${summary}\n`);
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
  repo.git("init", "-q", "-b", "main");
  repo.git("config", "user.email", "release@orgadmin.test");
  repo.git("config", "user.name", "Release Tests");
  repo.git("config", "commit.gpgsign", "false");
  repo.write("package.json", pkg("orgadmin", "0.0.0", { private: true }));
  repo.write("pnpm-workspace.yaml", "packages:\n  - spec\n  - packages/*\n");
  repo.write(".changeset/config.json", realChangesetConfig);
  repo.write("spec/package.json", pkg("@orgadmin/spec", version));
  repo.write("spec/members/openapi.yaml", spec);
  repo.write("packages/client/package.json", pkg("@orgadmin/client", version));
  repo.write("packages/client/src/index.ts", "export {};\n");
  for (const name of ignored) {
    repo.write(
      `packages/${name.replace(/^@orgadmin\//, "")}/package.json`,
      pkg(name, "0.0.0", { private: true }),
    );
  }
  repo.commit(`Release ${version}`);
  repo.git("tag", `@orgadmin/spec@${version}`);
  repo.git("tag", `@orgadmin/client@${version}`);
  return repo;
}
