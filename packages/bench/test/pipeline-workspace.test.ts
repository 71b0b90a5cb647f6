// The pipeline section's synthetic contracts go through what `pnpm build` runs (lint, bundle, the
// client's generator, a strict type-check) in a workspace of their own: at 1× it must pass, or the
// section fails only when someone runs the whole bench.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { scaleRun } from "../src/pipeline.js";

const root = mkdtempSync(join(tmpdir(), "orgadmin-bench-pipeline-test-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("pipeline scaling workspace", () => {
  it("lints, bundles, generates and type-checks the contracts at 1×", async () => {
    const result = await scaleRun(root, 1);
    expect(result.operations).toBeGreaterThan(10);
    for (const step of Object.values(result.steps)) expect(step).toBeGreaterThan(0);
  });
});
