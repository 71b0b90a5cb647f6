// Section 3: what the pipeline costs. `pnpm build` cold (turbo --force) vs warm (nothing changed),
// then lint + bundle + generate + type-check over synthetic contracts at 1×, 10× and 100× the
// real operation count, to see whether the cost grows linearly with the spec.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { bundle, lint, loadRedocly, writeDocument } from "@orgadmin/redocly";
import { API_NAMES, bundlePath } from "@orgadmin/spec/contract";
import { benchDir, bin, repoRoot, specDir, timed, timedStep, timedWithOutput } from "./processes.js";
import { median, ms } from "./stats.js";
import { multiplySpec, operationCount } from "./synthetic-spec.js";
import { printTable, verdict } from "./table.js";

export const WARM_BUILD_BUDGET_MS = 1_000;
const WARM_RUNS = 3;
const SCALES = [1, 10, 100];
/** The client's generator itself, so the pipeline times exactly what `pnpm build` runs. */
const generator = join(
  dirname(createRequire(import.meta.url).resolve("@orgadmin/client/package.json")),
  "scripts",
  "generate.mjs",
);

const clientSources = join(dirname(generator), "..", "src");

interface BuildRun {
  ms: number;
  /** "cached/total" from turbo's summary, proving a cold run ran everything and a warm one nothing. */
  cache: string;
}

async function build(
  command: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<BuildRun> {
  const { ms, output } = await timedWithOutput(command, args, repoRoot, env);
  const summary = /Cached:\s+(\d+) cached, (\d+) total/.exec(output);
  return { ms, cache: summary ? `${summary[1]}/${summary[2]}` : "?" };
}

async function buildTimes(): Promise<{ cold: BuildRun; warm: BuildRun[]; warmTurboOnly: BuildRun[] }> {
  const args = ["exec", "turbo", "run", "build", "--output-logs=errors-only"];
  // TURBO_FORCE rather than --force: pnpm would take a trailing --force as its own flag.
  const cold = await build("pnpm", args, { TURBO_FORCE: "true" });
  const warm: BuildRun[] = [];
  const warmTurboOnly: BuildRun[] = [];
  // Alternate the two ways of calling turbo so load spikes hit both.
  for (let i = 0; i < WARM_RUNS; i++) {
    warm.push(await build("pnpm", args));
    warmTurboOnly.push(await build(join(repoRoot, "node_modules", ".bin", "turbo"), args.slice(2)));
  }
  return { cold, warm, warmTurboOnly };
}

export interface ScaleResult {
  scale: number;
  operations: number;
  steps: Record<"lint" | "bundle" | "generate" | "typecheck", number>;
}

/** A temp copy of the contract's lint setup with synthetic roots `factor` times the real size. */
function syntheticWorkspace(root: string, factor: number): { dir: string; operations: number } {
  const dir = join(root, `x${factor}`);
  cpSync(join(specDir, "redocly.yaml"), join(dir, "redocly.yaml"));
  cpSync(join(specDir, "plugins"), join(dir, "plugins"), { recursive: true });
  let operations = 0;
  for (const name of API_NAMES) {
    const real = JSON.parse(readFileSync(bundlePath(name), "utf8")) as Record<string, unknown>;
    const synthetic = multiplySpec(real, factor);
    operations += operationCount(synthetic);
    mkdirSync(join(dir, name), { recursive: true });
    // JSON is valid YAML, so the roots keep the paths redocly.yaml names.
    writeFileSync(join(dir, name, "openapi.yaml"), JSON.stringify(synthetic));
  }
  mkdirSync(join(dir, "dist"));
  mkdirSync(join(dir, "generated"));
  // The generated modules import the client's own error classes (`../errors.js`, …): the workspace
  // holds the client's sources beside `generated/`, as src/ does, so the type-check sees what the build does.
  for (const file of readdirSync(clientSources)) {
    if (file.endsWith(".ts")) cpSync(join(clientSources, file), join(dir, file));
  }
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: "ES2022",
        module: "NodeNext",
        skipLibCheck: false,
      },
      include: ["generated"],
    }),
  );
  return { dir, operations };
}

export async function scaleRun(root: string, factor: number): Promise<ScaleResult> {
  const { dir, operations } = syntheticWorkspace(root, factor);
  // Redocly runs through the workspace's one engine, as the spec's own scripts do.
  const redocly = await loadRedocly(dir);
  let lintMs = 0;
  let bundleMs = 0;
  for (const name of API_NAMES) {
    const source = `${name}/openapi.yaml`;
    lintMs += await timedStep(async () => {
      const errors = (await lint(redocly, source)).filter((p) => p.severity === "error");
      if (errors.length > 0) throw new Error(`lint ${source}: ${errors[0]?.message}`);
    });
    bundleMs += await timedStep(async () => {
      const { document, problems } = await bundle(redocly, source);
      if (!document) throw new Error(`bundle ${source}: ${problems[0]?.message}`);
      await writeDocument(document, join(dir, "dist", `${name}.json`));
    });
  }
  const inputs = API_NAMES.map((name) => join(dir, "dist", `${name}.json`));
  const generate = await timed(process.execPath, [generator, join(dir, "generated"), ...inputs], benchDir);
  const typecheck = await timed(bin("tsc"), ["-p", join(dir, "tsconfig.json")], dir);
  return { scale: factor, operations, steps: { lint: lintMs, bundle: bundleMs, generate, typecheck } };
}

/** Exponent k in t ∝ n^k between two scales: 1 is linear; fixed start-up costs pull it below 1. */
function exponent(a: ScaleResult, b: ScaleResult, pick: (r: ScaleResult) => number): number {
  return Math.log(pick(b) / pick(a)) / Math.log(b.operations / a.operations);
}

export async function runPipeline(): Promise<void> {
  const builds = await buildTimes();
  const warm = median(builds.warm.map((b) => b.ms));
  const warmTurbo = median(builds.warmTurboOnly.map((b) => b.ms));
  const caches = (runs: BuildRun[]): string => [...new Set(runs.map((b) => b.cache))].join(", ");
  printTable(
    `3. pnpm build (turbo) — cold is \`turbo run build --force\`, warm is a second run with nothing changed (median of ${WARM_RUNS})`,
    ["run", "wall time", "× warm", "tasks from cache"],
    [
      ["cold (no cache)", ms(builds.cold.ms, 0), `${(builds.cold.ms / warm).toFixed(1)}×`, builds.cold.cache],
      ["warm, `pnpm exec turbo run build`", ms(warm, 0), "1.0×", caches(builds.warm)],
      [
        "warm, turbo binary directly",
        ms(warmTurbo, 0),
        `${(warmTurbo / warm).toFixed(2)}×`,
        caches(builds.warmTurboOnly),
      ],
    ],
  );
  printTable(
    "3. Budget",
    ["build", "wall time"],
    [
      [
        "warm",
        verdict(warm <= WARM_BUILD_BUDGET_MS, `${warm.toFixed(0)} ms vs ≤ ${WARM_BUILD_BUDGET_MS} ms`),
      ],
    ],
  );

  const root = mkdtempSync(join(tmpdir(), "orgadmin-bench-pipeline-"));
  const results: ScaleResult[] = [];
  try {
    for (const factor of SCALES) results.push(await scaleRun(root, factor));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  const total = (r: ScaleResult): number => Object.values(r.steps).reduce((a, b) => a + b, 0);
  printTable(
    "3. Pipeline scaling over synthetic contracts (both APIs; each step a fresh process, as in the build)",
    ["scale", "operations", "lint", "bundle", "generate", "type-check", "total", "× 1×"],
    results.map((r) => [
      `${r.scale}×`,
      String(r.operations),
      ms(r.steps.lint, 0),
      ms(r.steps.bundle, 0),
      ms(r.steps.generate, 0),
      ms(r.steps.typecheck, 0),
      ms(total(r), 0),
      `${(total(r) / total(results[0] as ScaleResult)).toFixed(1)}×`,
    ]),
  );
  const [x1, x10, x100] = results as [ScaleResult, ScaleResult, ScaleResult];
  const steps = ["lint", "bundle", "generate", "typecheck"] as const;
  const rows = [
    ...steps.map((s) => [s, (r: ScaleResult) => r.steps[s]] as const),
    ["total", total] as const,
  ].map(([name, pick]) => {
    const k = exponent(x10, x100, pick);
    const marginal = (pick(x100) - pick(x10)) / (x100.operations - x10.operations);
    // k ≤ 1 (with noise allowance): cost grows no faster than the operation count.
    const shape = k <= 1.1 ? "no faster than linear" : "faster than linear";
    return [
      name,
      `${(pick(x10) / pick(x1)).toFixed(1)}×`,
      `${(pick(x100) / pick(x10)).toFixed(1)}×`,
      k.toFixed(2),
      `${marginal.toFixed(2)} ms/op`,
      shape,
    ];
  });
  printTable(
    "3. Growth (operations ×10 per step; exponent k in time ∝ ops^k from 10× to 100×, 1 = linear)",
    ["step", "1×→10×", "10×→100×", "k", "marginal cost", "growth"],
    rows,
  );
}
