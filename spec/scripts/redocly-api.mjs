// Redocly in this process for `pnpm dev` (its Node API, @redocly/openapi-core: no process per save),
// beside @orgadmin/redocly, which runs the CLI for the build and CI and stays the judge there: load
// redocly.yaml, bundle and lint one API, and turn problems into one line each
// (`file:line:col  severity  rule  message`). openapi-core 2.64.0 is the newest published; the CLI
// bundles a later one, so a rule may differ in detail between the two.
import { relative, resolve } from "node:path";
import { REDOCLY_ENV } from "@orgadmin/redocly";
import { BaseResolver, bundle, getLineColLocation, lint, loadConfig } from "@redocly/openapi-core";

// The workspace's Redocly settings (no usage reports, no update notice), from its one runner.
Object.assign(process.env, REDOCLY_ENV);

/** API alias in redocly.yaml → output name (dist/<name>.json), as redocly.yaml registers them. */
export { apis } from "./apis.mjs";

/**
 * redocly.yaml of `specDir`, read afresh. Plugins are ES modules: Node 20 cannot load an edited one
 * again in the same process, so an edited plugin takes effect when the process restarts.
 */
export async function loadRedocly(specDir) {
  const config = await loadConfig({ configPath: resolve(specDir, "redocly.yaml") });
  return { config, specDir };
}

function apiOf({ config, specDir }, alias) {
  const apiConfig = config.forAlias(alias);
  return {
    ref: resolve(specDir, config.resolvedConfig.apis[alias].root),
    config: apiConfig,
    externalRefResolver: new BaseResolver(apiConfig.resolve),
  };
}

/** Bundles one API: `{ document, problems }`; `document` is null when the bundle has errors. */
export async function bundleApi(redocly, alias) {
  const result = await bundle({ ...apiOf(redocly, alias), dereference: false });
  const failed = result.problems.some((problem) => problem.severity === "error");
  return { document: failed ? null : result.bundle.parsed, problems: result.problems };
}

/** Lints one API with its rules from redocly.yaml. */
export async function lintApi(redocly, alias) {
  return lint(apiOf(redocly, alias));
}

/**
 * One line per problem, each once, relative to `specDir`. The bundler reports an unresolved $ref
 * that lint reports too, an example check at the same place then fails only because of that $ref,
 * and a file that does not parse fails the $refs to it: each is one problem, shown once.
 */
export function describeProblems(problems, specDir) {
  const lines = new Map();
  const unresolvedAt = new Set();
  const located = problems
    .filter((problem) => !problem.ignored)
    .map((problem) => {
      const rule = problem.ruleId === "bundler" ? "no-unresolved-refs" : problem.ruleId;
      return { ...problem, rule, where: whereOf(problem, specDir) };
    });
  // A file that does not parse also fails every $ref to it, with the same reason.
  const unparsable = new Set();
  for (const problem of located) {
    if (problem.rule === "no-unresolved-refs") unresolvedAt.add(problem.where);
    const parse = /^Failed to parse: (.*)/s.exec(problem.message);
    if (parse) unparsable.add(parse[1]);
  }
  for (const problem of located) {
    if (problem.rule !== "no-unresolved-refs" && unresolvedAt.has(problem.where)) {
      if (/can't resolve reference/i.test(problem.message)) continue;
    }
    const unresolved = /^Can't resolve \$ref: (.*)/s.exec(problem.message);
    if (unresolved && unparsable.has(unresolved[1])) continue;
    const message = problem.message.replaceAll(`${specDir}/`, "").replace(/\s+/g, " ").trim();
    const line = `${problem.where}  ${problem.severity}  ${problem.rule}  ${message}`;
    lines.set(line, line);
  }
  return [...lines.values()];
}

function whereOf(problem, specDir) {
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
