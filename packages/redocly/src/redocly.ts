// One Redocly for the workspace: lint and bundle run in this process through @redocly/openapi-core
// (no process per call), so the build, the release gates and `pnpm dev` share one engine at one
// version, with Redocly's settings (no telemetry, no update notice) set here once.
import { existsSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import {
  BaseResolver,
  type Config,
  bundle as coreBundle,
  lint as coreLint,
  getLineColLocation,
  loadConfig,
  type NormalizedProblem,
  stringifyYaml,
} from "@redocly/openapi-core";

/** Redocly's settings for this process: no telemetry, no update notice. */
export const REDOCLY_ENV = { REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" } as const;
Object.assign(process.env, REDOCLY_ENV);

/** A spec directory and the `redocly.yaml` that applies in it (APIs, rules, plugins). */
export interface Redocly {
  specDir: string;
  config: Config;
}

/** One problem: where, how bad, which rule, what. */
export interface Problem {
  where: string;
  severity: "error" | "warn";
  rule: string;
  message: string;
}

/**
 * Loads `specDir`'s `redocly.yaml` (or `config`), read afresh; Redocly's defaults when there is none.
 * Plugins are ES modules: an edited one takes effect when the process restarts.
 */
export async function loadRedocly(specDir: string, config = "redocly.yaml"): Promise<Redocly> {
  const configPath = resolve(specDir, config);
  return { specDir, config: await loadConfig(existsSync(configPath) ? { configPath } : {}) };
}

/** The API aliases `redocly.yaml` registers (`enterprise@v2`) and each one's root file. */
export function apisOf({ config, specDir }: Redocly): Map<string, string> {
  const apis = config.resolvedConfig.apis ?? {};
  return new Map(Object.entries(apis).map(([alias, api]) => [alias, resolve(specDir, api.root)]));
}

/** An alias or a file (relative to the spec directory), with the rules that apply to it. */
function target(redocly: Redocly, api: string) {
  const apis = apisOf(redocly);
  const ref = apis.get(api) ?? resolve(redocly.specDir, api);
  const alias = [...apis].find(([, root]) => root === ref)?.[0];
  const config = redocly.config.forAlias(alias);
  return { ref, config, externalRefResolver: new BaseResolver(config.resolve) };
}

/** Lints one API (an alias, or a root file such as `enterprise/openapi.yaml`). */
export async function lint(redocly: Redocly, api: string): Promise<Problem[]> {
  return describeProblems(await coreLint(target(redocly, api)), redocly.specDir);
}

/**
 * Bundles one API: its document, or null when the bundle has errors, and the problems found; with
 * `lint`, lints it too and reports both together, each problem once.
 */
export async function bundle(
  redocly: Redocly,
  api: string,
  { lint: andLint = false } = {},
): Promise<{ document: unknown | null; problems: Problem[] }> {
  const result = await coreBundle({ ...target(redocly, api), dereference: false });
  const failed = result.problems.some((problem) => problem.severity === "error" && !problem.ignored);
  // A resolver of its own: the bundler rewrites the documents it resolved.
  const found = andLint ? [...result.problems, ...(await coreLint(target(redocly, api)))] : result.problems;
  return {
    document: failed ? null : result.bundle.parsed,
    problems: describeProblems(found, redocly.specDir),
  };
}

/**
 * Writes a document as JSON or YAML (by the file's extension), atomically: a reader (a running mock,
 * the type generator) sees the old file or the new one, never half of one.
 */
export async function writeDocument(document: unknown, file: string): Promise<void> {
  const text = file.endsWith(".json")
    ? `${JSON.stringify(document, null, 2)}\n`
    : stringifyYaml(document, { noRefs: true });
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, text);
  await rename(temp, file);
}

/** `file:line:col  severity  rule  message`. */
export const formatProblem = (p: Problem): string => `${p.where}  ${p.severity}  ${p.rule}  ${p.message}`;

/**
 * Each problem once, relative to `specDir`. The bundler reports an unresolved $ref that lint reports
 * too, an example check at the same place then fails only because of that $ref, and a file that does
 * not parse fails every $ref to it: each is one problem, shown once.
 */
export function describeProblems(problems: readonly NormalizedProblem[], specDir: string): Problem[] {
  const located = problems
    .filter((problem) => !problem.ignored)
    .map((problem) => ({
      ...problem,
      rule: problem.ruleId === "bundler" ? "no-unresolved-refs" : problem.ruleId,
      where: whereOf(problem, specDir),
    }));
  const unresolvedAt = new Set(located.filter((p) => p.rule === "no-unresolved-refs").map((p) => p.where));
  const unparsable = new Set(located.flatMap((p) => /^Failed to parse: (.*)/s.exec(p.message)?.[1] ?? []));
  const seen = new Map<string, Problem>();
  for (const problem of located) {
    const unresolvedHere = problem.rule !== "no-unresolved-refs" && unresolvedAt.has(problem.where);
    if (unresolvedHere && /can't resolve reference/i.test(problem.message)) continue;
    const unresolved = /^Can't resolve \$ref: (.*)/s.exec(problem.message)?.[1];
    if (unresolved !== undefined && unparsable.has(unresolved)) continue;
    const message = problem.message.replaceAll(`${specDir}/`, "").replace(/\s+/g, " ").trim();
    const severity = problem.severity === "error" ? "error" : "warn";
    const described = { where: problem.where, severity, rule: problem.rule, message } as const;
    seen.set(formatProblem(described), described);
  }
  return [...seen.values()];
}

function whereOf(problem: NormalizedProblem, specDir: string): string {
  const location = problem.location[0];
  if (!location) return "(no location)";
  const file = relative(specDir, location.source.absoluteRef);
  try {
    const { start } = getLineColLocation(location);
    return `${file}:${start.line}:${start.col}`;
  } catch {
    return file;
  }
}
