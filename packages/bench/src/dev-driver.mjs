// Drives a real `pnpm dev` against a scratch copy of spec/ (a git repository of its own) and its own
// generated-types folder, the way a designer's editor and git would. Used by the designer-loop test
// (test/e2e) and the dev-loop bench; never touches the repository's spec/.
import { execFileSync, spawn } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** The spec package (a declared dependency) and the workspace it sits in, where `pnpm dev` runs. */
const sourceSpecDir = dirname(fileURLToPath(import.meta.resolve("@orgadmin/spec/package.json")));
export const repoRoot = dirname(sourceSpecDir);
/** What a designer edits: everything but builds, dependencies and tests. */
const NOT_SOURCES = new Set(["dist", "lib", "node_modules", "scripts", "src", "test", ".turbo"]);
/** The file the save styles edit, and the operation whose 200 response the edit changes. */
export const MEMBERS = "enterprise/paths/members.yaml";

/** A scratch copy of the spec sources, committed, so `git checkout` can restore a file. */
export function scratchSpec() {
  const root = mkdtempSync(join(tmpdir(), "orgadmin-dev-loop-"));
  const specDir = join(root, "spec");
  mkdirSync(specDir);
  cpSync(sourceSpecDir, specDir, {
    recursive: true,
    filter: (source) => !NOT_SOURCES.has(relative(sourceSpecDir, source).split(sep)[0] ?? ""),
  });
  const git = (...args) =>
    execFileSync("git", ["-c", "user.name=dev-loop", "-c", "user.email=dev-loop@localhost", ...args], {
      cwd: specDir,
      stdio: "pipe",
    });
  git("init", "-q");
  git("add", "-A");
  git("commit", "-q", "-m", "original");
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
    cwd: repoRoot,
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
  const waiters = new Set();
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal)));
  let ended = false;
  exited.then(() => {
    ended = true;
    for (const waiter of waiters) waiter.check();
  });
  for (const stream of [child.stdout, child.stderr]) {
    let rest = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk) => {
      const parts = (rest + chunk).split("\n");
      rest = parts.pop();
      const at = performance.now();
      // turbo prefixes each task's line with "<package>:<task>: ".
      for (const part of parts) lines.push({ text: part.replace(/^@orgadmin\/[\w-]+:dev: /, ""), at });
      for (const waiter of waiters) waiter.check();
    });
  }

  /** The first line at index ≥ `from` matching `pattern`: `{ index, text, at }`. */
  function waitFor(pattern, from = 0, ceilingMs = 60_000) {
    return new Promise((resolve, reject) => {
      const waiter = {
        check() {
          for (let index = from; index < lines.length; index++) {
            if (pattern.test(lines[index].text)) {
              done();
              return resolve({ index, ...lines[index] });
            }
          }
          if (ended) {
            done();
            reject(new Error(`pnpm dev exited before printing ${pattern}\n${transcript()}`));
          }
        },
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no line ${pattern} within ${ceilingMs} ms\n${transcript()}`));
      }, ceilingMs);
      const done = () => {
        clearTimeout(timer);
        waiters.delete(waiter);
      };
      waiters.add(waiter);
      waiter.check();
    });
  }

  /**
   * Waits, line by line from `from`, until `matches()` holds right after a line matching `pattern`:
   * the first such line (its arrival time is when the state was reached, at the latest).
   */
  async function waitUntil(pattern, matches, from, ceilingMs = 60_000) {
    const deadline = performance.now() + ceilingMs;
    let next = from;
    for (;;) {
      const line = await waitFor(pattern, next, Math.max(1, deadline - performance.now()));
      if (await matches()) return line;
      next = line.index + 1;
    }
  }

  const transcript = () => lines.map((line) => line.text).join("\n");

  /** Ends the loop by its own pid (SIGTERM, as a terminal's close would) and waits for it to exit. */
  async function stop(ceilingMs = 60_000) {
    if (!ended) child.kill("SIGTERM");
    let timer;
    const late = new Promise((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`pnpm dev still running ${ceilingMs} ms after SIGTERM`)),
        ceilingMs,
      );
    });
    try {
      return await Promise.race([exited, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  return { pid: child.pid, lines, waitFor, waitUntil, stop, transcript };
}

/** Ready: both mocks serving and both APIs' types generated. Returns the mark after start-up. */
export async function untilReady(loop) {
  await loop.waitFor(/^\[dev\] watching /, 0, 180_000);
  await loop.waitFor(/^\[client\] enterprise types regenerated/, 0, 180_000);
  await loop.waitFor(/^\[client\] organizations types regenerated/, 0, 180_000);
  return loop.lines.length;
}

/** Pids of live processes started with this scratch folder in their environment (Linux /proc). */
/**
 * The loop's processes still alive once they have had up to `ceilingMs` to exit: a process ends a
 * moment after its parent, later still on a busy machine. A ceiling, not a budget.
 */
export async function leftRunning(specDir, ceilingMs = 30_000) {
  const deadline = Date.now() + ceilingMs;
  let left = processesOf(specDir);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    left = processesOf(specDir);
  }
  return left;
}

export function processesOf(specDir) {
  const needle = `ORGADMIN_DEV_SPEC_DIR=${specDir}\0`;
  const found = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (`${readFileSync(`/proc/${entry}/environ`, "latin1")}\0`.includes(needle)) found.push(Number(entry));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
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

/** The revision the mock serves on GET /members (null: no header). */
export async function servedRevision(mockUrl) {
  const response = await fetch(`${mockUrl}/members`, { headers: { authorization: "Bearer dev" } });
  await response.arrayBuffer();
  return response.headers.get("x-revision");
}

/** The revision in the generated enterprise types (null: no header). */
export function typedRevision(generatedDir) {
  const types = readOrEmpty(join(generatedDir, "enterprise.ts"));
  return /"X-Revision"\?: "([^"]+)"/.exec(types)?.[1] ?? null;
}

/** openapi.yaml with one more path, served from a path file that may not exist yet. */
export function withPath(openapi, name) {
  if (!openapi.includes("\npaths:\n")) throw new Error("openapi.yaml has no paths: block");
  return openapi.replace("\npaths:\n", `\npaths:\n  /${name}:\n    $ref: paths/${name}.yaml\n`);
}

/** A path file for GET /<name> answering `{ revision: <name> }`. */
export function pathFile(name) {
  const operationId = name.replace(/-(\w)/g, (_, c) => c.toUpperCase());
  return `get:
  operationId: ${operationId}
  x-orgadmin-permission:
    action: view_revision
    scope: enterprise
    roles: [admin]
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
            properties:
              revision:
                type: string
                enum: [${name}]
          example:
            revision: ${name}
    "401":
      $ref: ../components/responses/Unauthorized.yaml
`;
}

/** Whether the mock answers GET /<name> with that revision. */
export async function servesPath(mockUrl, name) {
  const response = await fetch(`${mockUrl}/${name}`, { headers: { authorization: "Bearer dev" } });
  const body = await response.text();
  return response.status === 200 && body.includes(`"revision":"${name}"`);
}

export function typesHavePath(generatedDir, name) {
  return readOrEmpty(join(generatedDir, "enterprise.ts")).includes(`"/${name}": {`);
}

// ---- the save styles ----

/** An editor's plain save: truncate and write the same file (same inode). */
export function saveInPlace(file, text) {
  writeFileSync(file, text);
}

/** An editor's safe-write: write a temp file beside it, rename it over the original. */
export function saveByRename(file, text) {
  const temp = join(dirname(file), `.${file.split("/").pop()}.swp-${process.pid}`);
  writeFileSync(temp, text);
  renameSync(temp, file);
}

function readOrEmpty(file) {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}
