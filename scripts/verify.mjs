// `pnpm verify [--e2e]`: Biome, then lint, type checks and tests as one turbo graph (with --e2e the
// end-to-end tier and the example consumer app too, as `.ci/run` asks), then the examples. Streams every step's output and ends
// with one line over every test runner that ran and the time taken; when something failed, the
// last line says what.
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { summarize, withoutColour } from "./test-summary.mjs";

const { values } = parseArgs({
  options: { e2e: { type: "boolean", default: false }, since: { type: "string" } },
});
// `.ci/run` counts its install in the time: it passes when it started.
const started = Number(values.since ?? Date.now());
const root = resolve(import.meta.dirname, "..");
const bin = (name) => resolve(root, "node_modules", ".bin", name);
const tasks = ["lint", "typecheck", "test", ...(values.e2e ? ["test:e2e"] : [])];
const noColor = process.env.NO_COLOR ? ["--no-color"] : [];

const STEPS = [
  { name: "biome", command: bin("biome"), args: ["check", "."] },
  { name: tasks.join(", "), command: bin("turbo"), args: ["run", ...tasks, "--continue", ...noColor] },
  { name: "examples", command: process.execPath, args: ["packages/client/scripts/run-examples.mjs"] },
  // The example app of a downstream team, on the packed packages: three ways, Chromium the last.
  ...(values.e2e
    ? [{ name: "consumer app", command: process.execPath, args: ["scripts/test-consumer.mjs"] }]
    : []),
];

/** Runs one step with its output passed through; resolves with what it printed and its exit code. */
function run({ command, args }) {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    for (const stream of [child.stdout, child.stderr]) {
      stream.on("data", (chunk) => {
        output += chunk;
        (stream === child.stdout ? process.stdout : process.stderr).write(chunk);
      });
    }
    child.on("error", (error) => done({ output: `${output}\n${error.message}`, code: 1 }));
    child.on("close", (code, signal) => done({ output, code: code ?? signal }));
  });
}

const failures = process.env.CI_SETUP_FAILED ? [process.env.CI_SETUP_FAILED] : [];
let log = "";
for (const step of STEPS) {
  const { output, code } = await run(step);
  log += output;
  if (code === 0) continue;
  // turbo names its failed tasks on one line: "Failed:    @orgadmin/a#test, @orgadmin/b#lint".
  const tasksFailed = /^\s*Failed:\s+(.+)$/m.exec(withoutColour(output))?.[1];
  failures.push(tasksFailed ? tasksFailed.trim() : `${step.name} (exit ${code})`);
}

const totals = summarize(log);
const cached = /^\s*Cached:\s+(\d+) cached/m.exec(log)?.[1];
const seconds = Math.round((Date.now() - started) / 1000);
const note =
  cached && cached !== "0" ? ` (${cached} turbo tasks replayed from the cache are not counted)` : "";
console.log(
  `\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped in ${seconds} s${note}`,
);
if (totals.runs === 0) failures.push("no test runner reported a summary");
if (failures.length > 0) {
  console.log(`FAILED: ${failures.join("; ")}`);
  process.exitCode = 1;
}
