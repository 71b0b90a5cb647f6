import { describe, expect, it } from "vitest";
import { checkBreaking } from "../src/breaking-gate.js";
import { checkChangesets } from "../src/changeset-gate.js";
import { resolveBase } from "../src/git.js";
import { baseDocument, edit } from "./support/documents.js";
import { createTempRepo, type TempRepo } from "./support/temp-repo.js";

const SPEC = "spec/members/openapi.yaml";
const removeInvite = edit(baseDocument(), [["remove", "/paths/~1members/post"]]);
const addOptionalField = edit(baseDocument(), [
  ["set", "/components/schemas/Member/properties/joined_at", { type: "string", format: "date-time" }],
]);

/** A fresh repository per test, removed when the test ends (tests run concurrently). */
function freshRepo(onTestFinished: (fn: () => void) => void): TempRepo {
  const repo = createTempRepo(baseDocument());
  onTestFinished(() => repo.remove());
  return repo;
}

async function gates(r: TempRepo) {
  const { ref } = await resolveBase(r.dir, undefined, {});
  return {
    base: ref,
    changesets: await checkChangesets(r.dir, ref),
    breaking: await checkBreaking(r.dir, ref),
  };
}

describe.concurrent("release gates against a tagged release", () => {
  it("fail a breaking change that only has a minor changeset", async ({ onTestFinished }) => {
    const repo = freshRepo(onTestFinished);
    repo.write(SPEC, removeInvite);
    repo.changeset("drop-invite", { "@orgadmin/spec": "minor", "@orgadmin/client": "minor" });
    repo.commit("Drop invitations");
    const { base, changesets, breaking } = await gates(repo);
    expect(base).toMatch(/^@orgadmin\/(spec|client)@1\.0\.0$/);
    expect(changesets.ok).toBe(true);
    expect(breaking.ok).toBe(false);
    expect(breaking.required).toBe("major");
    expect(breaking.short).toEqual(["@orgadmin/spec", "@orgadmin/client"]);
    expect(breaking.changes).toContainEqual(
      expect.objectContaining({ api: "members", rule: "operation-removed", where: "POST /members" }),
    );
  });

  it("pass a breaking change with a major changeset", async ({ onTestFinished }) => {
    const repo = freshRepo(onTestFinished);
    repo.write(SPEC, removeInvite);
    repo.changeset("drop-invite", { "@orgadmin/spec": "major", "@orgadmin/client": "major" });
    repo.commit("Drop invitations");
    const { changesets, breaking } = await gates(repo);
    expect(changesets.ok).toBe(true);
    expect(breaking.ok).toBe(true);
    expect(breaking.planned).toEqual({ "@orgadmin/spec": "major", "@orgadmin/client": "major" });
  });

  it("pass an additive change with a minor changeset", async ({ onTestFinished }) => {
    const repo = freshRepo(onTestFinished);
    repo.write(SPEC, addOptionalField);
    repo.changeset("joined-at", { "@orgadmin/spec": "minor" });
    repo.commit("Members carry joined_at");
    const { changesets, breaking } = await gates(repo);
    expect(changesets).toMatchObject({ ok: true, changed: ["@orgadmin/spec"], missing: [] });
    expect(breaking.ok).toBe(true);
    expect(breaking.required).toBe("minor");
    expect(breaking.changes.map((c) => c.rule)).toEqual(["response-field-added"]);
  });

  it("fail a spec change without any changeset", async ({ onTestFinished }) => {
    const repo = freshRepo(onTestFinished);
    repo.write(SPEC, addOptionalField);
    repo.commit("Members carry joined_at");
    const { changesets, breaking } = await gates(repo);
    expect(changesets).toMatchObject({ ok: false, changed: ["@orgadmin/spec"], missing: ["@orgadmin/spec"] });
    expect(breaking.ok).toBe(false);
    expect(breaking.planned).toEqual({ "@orgadmin/spec": "none", "@orgadmin/client": "none" });
  });

  it("fail an additive change that only has a patch changeset", async ({ onTestFinished }) => {
    const repo = freshRepo(onTestFinished);
    repo.write(SPEC, addOptionalField);
    repo.changeset("joined-at", { "@orgadmin/spec": "patch" });
    repo.commit("Members carry joined_at");
    const { breaking } = await gates(repo);
    expect(breaking).toMatchObject({ ok: false, required: "minor" });
  });

  it("let the fixed group carry a spec major to the client", async ({ onTestFinished }) => {
    const repo = freshRepo(onTestFinished);
    repo.write(SPEC, removeInvite);
    repo.changeset("drop-invite", { "@orgadmin/spec": "major" });
    repo.commit("Drop invitations");
    const { breaking } = await gates(repo);
    expect(breaking).toMatchObject({ ok: true, planned: { "@orgadmin/client": "major" } });
  });

  it("name each changed published package: a spec changeset does not cover a client change", async ({
    onTestFinished,
  }) => {
    const repo = freshRepo(onTestFinished);
    repo.write("packages/client/src/index.ts", "export const retries = 3;\n");
    repo.write(SPEC, addOptionalField);
    repo.changeset("joined-at", { "@orgadmin/spec": "minor" });
    repo.commit("Client retries; members carry joined_at");
    const { changesets } = await gates(repo);
    expect(changesets).toMatchObject({ ok: false, missing: ["@orgadmin/client"] });
  });

  it("need no changeset for changelogs, tests or private packages", async ({ onTestFinished }) => {
    const repo = freshRepo(onTestFinished);
    repo.write("spec/CHANGELOG.md", "# @orgadmin/spec\n");
    repo.write("spec/test/bundle.test.ts", "export {};\n");
    repo.write("packages/release/src/gate.ts", "export {};\n");
    repo.commit("Housekeeping");
    const { changesets, breaking } = await gates(repo);
    expect(changesets).toMatchObject({ ok: true, changed: [] });
    expect(breaking).toMatchObject({ ok: true, required: "none", changes: [] });
  });

  it("see uncommitted changes in the working tree", async ({ onTestFinished }) => {
    const repo = freshRepo(onTestFinished);
    repo.write(SPEC, removeInvite);
    const { changesets, breaking } = await gates(repo);
    expect(changesets.missing).toEqual(["@orgadmin/spec"]);
    expect(breaking).toMatchObject({ ok: false, required: "major" });
  });
});

describe("base ref", () => {
  it("is the pull request target when CI names one, else the newest release tag", async ({
    onTestFinished,
  }) => {
    const repo = freshRepo(onTestFinished);
    // No origin/main here: the target itself, said so.
    expect(await resolveBase(repo.dir, undefined, { GITHUB_BASE_REF: "main" })).toMatchObject({
      ref: "origin/main",
    });
    expect(await resolveBase(repo.dir, "v0", { GITHUB_BASE_REF: "main" })).toMatchObject({ ref: "v0" });
    repo.write(SPEC, addOptionalField);
    repo.commit("Release 1.1.0");
    repo.git("tag", "@orgadmin/spec@1.1.0");
    expect(await resolveBase(repo.dir, undefined, {})).toEqual({
      ref: "@orgadmin/spec@1.1.0",
      why: "on main: last release tag",
    });
  });

  it("is the merge-base with the pull request target when both are here", async ({ onTestFinished }) => {
    const repo = freshRepo(onTestFinished);
    const forkPoint = repo.git("rev-parse", "HEAD");
    repo.git("update-ref", "refs/remotes/origin/main", forkPoint);
    repo.git("switch", "-q", "-c", "feature");
    repo.write(SPEC, addOptionalField);
    repo.commit("Feature");
    expect(await resolveBase(repo.dir, undefined, { GITHUB_BASE_REF: "main" })).toEqual({
      ref: forkPoint,
      why: "pull request: merge-base of HEAD with origin/main",
    });
  });

  it("is the merge-base with main on a branch, even when main has moved and a release tag exists", async ({
    onTestFinished,
  }) => {
    const repo = freshRepo(onTestFinished);
    repo.write("spec/README.md", "main moves on\n");
    repo.commit("On main");
    const forkPoint = repo.git("rev-parse", "HEAD");
    repo.git("switch", "-q", "-c", "feature");
    repo.write(SPEC, addOptionalField);
    repo.commit("Feature");
    repo.git("switch", "-q", "main");
    repo.write("spec/README.md", "main moves again\n");
    repo.commit("On main again");
    repo.git("switch", "-q", "feature");
    expect(await resolveBase(repo.dir, undefined, {})).toEqual({
      ref: forkPoint,
      why: "branch feature: merge-base with main",
    });
    // Detached on the branch: still the merge-base; detached on main's tip: main's own rule.
    repo.git("switch", "-q", "--detach", "feature");
    expect(await resolveBase(repo.dir, undefined, {})).toMatchObject({ ref: forkPoint });
    repo.git("switch", "-q", "--detach", "main");
    expect(await resolveBase(repo.dir, undefined, {})).toMatchObject({ why: "on main: last release tag" });
  });

  it("on main without a tag is the last commit that changed the released version", async ({
    onTestFinished,
  }) => {
    const repo = freshRepo(onTestFinished);
    repo.git("tag", "-d", "@orgadmin/spec@1.0.0", "@orgadmin/client@1.0.0");
    repo.write("spec/package.json", { name: "@orgadmin/spec", version: "1.1.0" });
    repo.commit("Version packages");
    const release = repo.git("rev-parse", "HEAD");
    repo.write(SPEC, addOptionalField);
    repo.commit("After the release");
    expect(await resolveBase(repo.dir, undefined, {})).toEqual({
      ref: release,
      why: "on main: no release tag: last release commit (changed the version in spec/package.json)",
    });
  });

  it("is the first commit before any release", async ({ onTestFinished }) => {
    const repo = freshRepo(onTestFinished);
    repo.git("tag", "-d", "@orgadmin/spec@1.0.0", "@orgadmin/client@1.0.0");
    const first = repo.git("rev-parse", "HEAD");
    repo.write(SPEC, addOptionalField);
    repo.commit("Unreleased work on main");
    expect(await resolveBase(repo.dir, undefined, {})).toEqual({
      ref: first,
      why: "on main: no release yet: first commit",
    });
  });
});
