// `pnpm release:breaking` with no flags, as a maintainer runs it on a branch: before any release tag,
// with the pending major "initial release" changeset on main, a branch that removes a response field
// with only a minor changeset must fail, naming the field and the base it compared with.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { baseDocument, edit } from "./support/documents.js";
import { createTempRepo } from "./support/temp-repo.js";

const run = promisify(execFile);
const cli = join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "cli", "breaking-gate.js");
const SPEC = "spec/members/openapi.yaml";

/** Runs the built gate in `cwd` with no flags (or the given ones) and without a pull request's env. */
async function gate(cwd: string, args: string[] = []) {
  const env = { ...process.env };
  delete env.GITHUB_BASE_REF;
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { cwd, env });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

describe("pnpm release:breaking with no flags", () => {
  it("fails on a branch that removes a response field with a minor changeset, naming the field and the base", async ({
    onTestFinished,
  }) => {
    if (!existsSync(cli)) throw new Error("packages/release is not built: run `pnpm build` first");
    const repo = createTempRepo(baseDocument(), "0.0.0");
    onTestFinished(() => repo.remove());
    repo.git("tag", "-d", "@orgadmin/spec@0.0.0", "@orgadmin/client@0.0.0");
    repo.changeset("initial-release", { "@orgadmin/spec": "major", "@orgadmin/client": "major" });
    repo.commit("Pending initial release");
    const forkPoint = repo.git("rev-parse", "HEAD");
    repo.git("switch", "-q", "-c", "drop-member-name");
    repo.write(SPEC, edit(baseDocument(), [["remove", "/components/schemas/Member/properties/name"]]));
    repo.changeset("drop-name", { "@orgadmin/spec": "minor" });
    repo.commit("Members no longer carry a name");

    const { code, out } = await gate(repo.dir);
    console.log(out);
    expect(code).toBe(1);
    const [first] = out.split("\n");
    expect(first).toBe(
      `breaking-change gate: spec/ at ${forkPoint} (branch drop-member-name: merge-base with main) → working tree`,
    );
    expect(out).toMatch(/response field removed: GET \/members 200 .*members\[\]\.name/);
    expect(out).toContain("✗ @orgadmin/spec, @orgadmin/client need a major changeset");

    // The old default (the first commit) let the pending major changeset cover the branch's change.
    const firstCommit = repo.git("rev-list", "--max-parents=0", "HEAD");
    expect((await gate(repo.dir, ["--base", firstCommit])).code).toBe(0);
  });
});
