// Drives a real `pnpm dev` against a scratch copy of spec/ (a git repository of its own) and its own
// generated-types folder, the way a designer's editor and git would. Used by the designer-loop test
// (test/e2e) and the dev-loop bench; never touches the repository's spec/.
import { execFileSync, spawn } from "node:child_process";
import { EventEmitter, once } from "node:events";
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative, sep } from "node:path";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { API_NAMES } from "@orgadmin/spec/contract";

/** The spec package (a declared dependency) and the workspace it sits in, where `pnpm dev` runs. */
const sourceSpecDir = dirname(fileURLToPath(import.meta.resolve("@orgadmin/spec/package.json")));
/** What a designer edits: everything but builds, dependencies and tests. */
const NOT_SOURCES = new Set(["dist", "lib", "node_modules", "scripts", "src", "test", ".turbo"]);
/** The file the save styles edit, and the operation whose 200 response the edit changes. */
export const MEMBERS = "enterprise/paths/members.yaml";

/** A scratch copy of the spec sources, committed, so `git checkout` can restore a file. */
export function scratchSpec() {
  const root = mkdtempSync(join(tmpdir(), "orgadmin-dev-loop-"));
  const specDir = join(root, "spec");
  cpSync(sourceSpecDir, specDir, {
    recursive: true,
    filter: (source) => !NOT_SOURCES.has(relative(sourceSpecDir, source).split(sep)[0] ?? ""),
  });
  const git = (...args) => execFileSync("git", args, { cwd: specDir, stdio: "pipe" });
  git("init", "-q");
  git("add", "-A");
  git("-c", "user.name=dev-loop", "-c", "user.email=dev-loop@localhost", "commit", "-q", "-m", "original");
  return { root, specDir, generatedDir: join(root, "generated"), git };
}

/**
 * Starts `pnpm dev` (the turbo entry) from the repository root on the given ports and scratch
 * folders. Its output is kept as lines with their arrival time; `waitFor` waits for a line after a
 * mark (an index into `lines`), never for a fixed time.
 */
export function startDevLoop({ specDir, generatedDir, ports }) {
  // `--only`: the dev tasks alone, not the builds they depend on. Those builds write into this
  // repository (spec/lib, packages/*/dist), which other packages' tests read while this one runs;
  // the run that started this driver has built them already.
  const { TURBO_FORCE: _force, ...env } = process.env;
  const child = spawn("pnpm", ["dev", "--only"], {
    cwd: dirname(sourceSpecDir),
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...env,
      CI: "true",
      NO_COLOR: "1",
      REDOCLY_TELEMETRY: "off",
      SCARF_ANALYTICS: "false",
      TURBO_TELEMETRY_DISABLED: "1",
      ORGADMIN_DEV_SPEC_DIR: specDir,
      ORGADMIN_DEV_GENERATED_DIR: generatedDir,
      ORGADMIN_MOCK_ENTERPRISE_PORT: String(ports.enterprise),
      ORGADMIN_MOCK_ORGANIZATIONS_PORT: String(ports.organizations),
    },
  });
  const lines = [];
  const changed = new EventEmitter(); // "change": a line arrived, or the loop exited
  let exit; // the exit code or signal, once it has exited
  child.once("exit", (code, signal) => {
    exit = code ?? signal;
    changed.emit("change");
  });
  for (const input of [child.stdout, child.stderr]) {
    createInterface({ input }).on("line", (text) => {
      // turbo prefixes each task's line with "<package>:<task>: ".
      lines.push({ text: text.replace(/^@orgadmin\/[\w-]+:dev: /, ""), at: performance.now() });
      changed.emit("change");
    });
  }
  const transcript = () => lines.map((line) => line.text).join("\n");

  /** What `found()` gives once it gives something, checked again at each change; `late` after the ceiling. */
  async function until(found, ceilingMs, late) {
    const signal = AbortSignal.timeout(Math.ceil(ceilingMs));
    for (let value = found(); ; value = found()) {
      if (value !== undefined) return value;
      await once(changed, "change", { signal }).catch(() => {
        throw new Error(`${late}\n${transcript()}`);
      });
    }
  }

  /** The first line at index ≥ `from` matching `pattern`: `{ index, text, at }`. */
  function waitFor(pattern, from = 0, ceilingMs = 60_000) {
    let index = from;
    const match = () => {
      for (; index < lines.length; index++)
        if (pattern.test(lines[index].text)) return { index, ...lines[index] };
      if (exit !== undefined) throw new Error(`pnpm dev exited before printing ${pattern}\n${transcript()}`);
    };
    return until(match, ceilingMs, `no line ${pattern} within ${ceilingMs} ms`);
  }

  /**
   * Waits, line by line from `from`, until `matches()` holds right after a line matching `pattern`:
   * the first such line (its arrival time is when the state was reached, at the latest).
   */
  async function waitUntil(pattern, matches, from, ceilingMs = 60_000) {
    const deadline = performance.now() + ceilingMs;
    for (let next = from; ; ) {
      const line = await waitFor(pattern, next, Math.max(1, deadline - performance.now()));
      if (await matches()) return line;
      next = line.index + 1;
    }
  }

  /** Ends the loop by its own pid (SIGTERM, as a terminal's close would) and waits for it to exit. */
  function stop(ceilingMs = 60_000) {
    if (exit === undefined) child.kill("SIGTERM");
    return until(() => exit, ceilingMs, `pnpm dev still running ${ceilingMs} ms after SIGTERM`);
  }

  return { lines, waitFor, waitUntil, stop, transcript };
}

/** Ready: both mocks serving and both APIs' types generated. Returns the mark after start-up. */
export async function untilReady(loop) {
  await loop.waitFor(/^\[dev\] watching /, 0, 180_000);
  for (const api of API_NAMES)
    await loop.waitFor(new RegExp(`^\\[client\\] ${api} types regenerated`), 0, 180_000);
  return loop.lines.length;
}

/**
 * Pids of the loop's processes (those with this scratch folder in their environment, read from
 * Linux's /proc) still alive once they have had up to `ceilingMs` to exit: a process ends a moment
 * after its parent, later still on a busy machine. A ceiling, not a budget.
 */
export async function leftRunning(specDir, ceilingMs = 30_000) {
  const needle = `ORGADMIN_DEV_SPEC_DIR=${specDir}\0`;
  const environ = (pid) => {
    try {
      return `${readFileSync(`/proc/${pid}/environ`, "latin1")}\0`;
    } catch {
      return ""; // gone meanwhile, or not ours to read
    }
  };
  const live = () => readdirSync("/proc").filter((pid) => /^\d+$/.test(pid) && environ(pid).includes(needle));
  const deadline = Date.now() + ceilingMs;
  let left = live();
  while (left.length > 0 && Date.now() < deadline) left = await sleep(100).then(live);
  return left.map(Number);
}

// ---- the edits: a response header on GET /members whose one allowed value names the revision ----

/** members.yaml as committed, with the 200 response carrying `X-Revision: <revision>`. */
export function withRevision(original, revision) {
  const anchor = '  responses:\n    "200":\n      description: The members.\n      headers:\n';
  if (!original.includes(anchor)) throw new Error(`${MEMBERS} no longer has the expected 200 response`);
  return original.replace(
    anchor,
    `${anchor}        X-Revision:\n          description: Which revision of the contract answered.\n          schema:\n            type: string\n            enum: [${revision}]\n`,
  );
}

/** openapi.yaml with one more path, served from a path file that may not exist yet. */
export function withPath(openapi, name) {
  if (!openapi.includes("\npaths:\n")) throw new Error("openapi.yaml has no paths: block");
  return openapi.replace("\npaths:\n", `\npaths:\n  /${name}:\n    $ref: paths/${name}.yaml\n`);
}

/** A path file for GET /<name> answering `{ revision: <name> }`. */
export function pathFile(name) {
  return `get:
  operationId: ${name.replace(/-(\w)/g, (_, c) => c.toUpperCase())}
  x-orgadmin-permission: { action: view_revision, scope: enterprise, roles: [admin] }
  tags: [Members]
  summary: Revision ${name}
  description: Which revision of the contract answered.
  responses:
    "200":
      description: The revision.
      content:
        application/json:
          schema:
            type: object
            additionalProperties: false
            required: [revision]
            properties: { revision: { type: string, enum: [${name}] } }
          example: { revision: ${name} }
    "401":
      $ref: ../components/responses/Unauthorized.yaml
`;
}

// ---- what the mock serves and what the types say ----

const mockGet = (mockUrl, path) => fetch(`${mockUrl}${path}`, { headers: { authorization: "Bearer dev" } });

/** The revision the mock serves on GET /members (null: no header). */
export async function servedRevision(mockUrl) {
  const response = await mockGet(mockUrl, "/members");
  await response.arrayBuffer();
  return response.headers.get("x-revision");
}

/** Whether the mock answers GET /<name> with that revision. */
export async function servesPath(mockUrl, name) {
  const response = await mockGet(mockUrl, `/${name}`);
  const body = await response.text();
  return response.status === 200 && body.includes(`"revision":"${name}"`);
}

/** The generated enterprise types ("" before their first generation). */
function enterpriseTypes(generatedDir) {
  try {
    return readFileSync(join(generatedDir, "enterprise.ts"), "utf8");
  } catch {
    return "";
  }
}

/** The revision in the generated enterprise types (null: no header). */
export function typedRevision(generatedDir) {
  return /"X-Revision"\?: "([^"]+)"/.exec(enterpriseTypes(generatedDir))?.[1] ?? null;
}

export function typesHavePath(generatedDir, name) {
  return enterpriseTypes(generatedDir).includes(`"/${name}": {`);
}

// ---- the save styles ----

/** An editor's plain save: truncate and write the same file (same inode). */
export function saveInPlace(file, text) {
  writeFileSync(file, text);
}

/** An editor's safe-write: write a temp file beside it, rename it over the original. */
export function saveByRename(file, text) {
  const temp = join(dirname(file), `.${basename(file)}.swp-${process.pid}`);
  writeFileSync(temp, text);
  renameSync(temp, file);
}
