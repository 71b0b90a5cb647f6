// The release workflow's own guard: it must stop at its first step when the registry to publish to is
// not configured, instead of failing at `changeset publish` after the whole build and test run.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const workflow = parse(readFileSync(join(root, ".github", "workflows", "release.yml"), "utf8")) as {
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
};
const steps = workflow.jobs.release?.steps ?? [];
// biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template.
const REGISTRY_VAR = "${{ vars.NPM_REGISTRY_URL }}";

/** Runs a step's script as the runner would (bash, `-e`), with only the given environment. */
function runStep(step: Step, env: Record<string, string>) {
  const result = spawnSync("bash", ["-e", "-c", step.run ?? ""], {
    env: { PATH: process.env.PATH ?? "", ...env },
    encoding: "utf8",
  });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe("release workflow", () => {
  const guard = steps[0];

  it("checks NPM_REGISTRY_URL before anything else, from the same variable setup-node uses", () => {
    expect(guard?.env).toEqual({ NPM_REGISTRY_URL: REGISTRY_VAR });
    const setupNode = steps.find((s) => s.uses?.startsWith("actions/setup-node@"));
    expect(setupNode?.with?.["registry-url"]).toBe(REGISTRY_VAR);
  });

  it("fails with a message naming the variable when it is empty", () => {
    if (!guard) throw new Error("release job has no steps");
    for (const env of [{ NPM_REGISTRY_URL: "" }, {}] as Array<Record<string, string>>) {
      const { status, output } = runStep(guard, env);
      expect(status).toBe(1);
      expect(output).toMatch(
        /^::error title=NPM_REGISTRY_URL is not set::.*repository variable NPM_REGISTRY_URL/m,
      );
    }
  });

  it("passes when the variable is set", () => {
    if (!guard) throw new Error("release job has no steps");
    const { status, output } = runStep(guard, { NPM_REGISTRY_URL: "https://packages.example.invalid/" });
    expect(status).toBe(0);
    expect(output).not.toContain("::error");
  });
});

describe("provenance preconditions (a real provenance statement needs the CI's identity token)", () => {
  it("asks for the identity token and publishes with provenance", () => {
    expect(workflow.permissions["id-token"]).toBe("write");
    const publish = steps.find((s) => s.uses?.startsWith("changesets/action@"));
    expect(publish?.env?.NPM_CONFIG_PROVENANCE).toBe("true");
  });

  it("checks the manifests against the workflow's repository right before publishing", () => {
    const check = steps.findIndex((s) => s.run === "pnpm release:publish-check");
    const publish = steps.findIndex((s) => s.uses?.startsWith("changesets/action@"));
    expect(check).toBeGreaterThan(0);
    expect(publish).toBe(check + 1);
  });
});
