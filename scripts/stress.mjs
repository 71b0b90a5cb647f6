// `pnpm test:stress [--runs N] [--busy K]`: runs the README's test command uncached N times
// (default 3) while K busy processes (default 3) compete for the CPUs, one line per run, then
// "N passed, N failed" runs. Proves the suite does not depend on how fast the machine is.
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { summarize } from "./test-summary.mjs";

const ROOT = resolve(import.meta.dirname, "..");
// The README's test command once pnpm is there (the same one .ci/run runs).
const TEST_COMMAND = "pnpm install --frozen-lockfile && pnpm verify";

const { values } = parseArgs({
  options: { runs: { type: "string", default: "3" }, busy: { type: "string", default: "3" } },
});
const count = (name) => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`test:stress: --${name} takes a whole number, not "${values[name]}"`);
    process.exit(2);
  }
  return n;
};
const runs = count("runs");
const busyCount = count("busy");

// Busy loops we start and end ourselves, by their own PIDs.
const busy = [];
const stopBusy = () => {
  for (const child of busy.splice(0)) child.kill("SIGKILL");
};
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.once(signal, () => {
    stopBusy();
    process.kill(process.pid, signal);
  });
}
process.once("exit", stopBusy);
for (let i = 0; i < busyCount; i++) {
  busy.push(spawn(process.execPath, ["-e", "for(;;){}"], { stdio: "ignore" }));
}
console.log(
  `${busyCount} busy processes (pids ${busy.map((c) => c.pid).join(", ") || "none"}), ${runs} uncached runs of: ${TEST_COMMAND}`,
);

const logDir = join(ROOT, ".tmp", "stress");
mkdirSync(logDir, { recursive: true });

function runOnce(index) {
  const logFile = join(logDir, `run-${index}.log`);
  const log = createWriteStream(logFile);
  const started = performance.now();
  const child = spawn("bash", ["-c", TEST_COMMAND], {
    cwd: ROOT,
    // TURBO_FORCE: every task runs, nothing comes from turbo's cache.
    env: {
      ...process.env,
      CI: "true",
      TURBO_FORCE: "true",
      NO_COLOR: "1",
      FORCE_COLOR: "0",
      REDOCLY_TELEMETRY: "off",
      SCARF_ANALYTICS: "false",
      TURBO_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  return new Promise((done) =>
    child.once("close", (code) => {
      log.end(() => {
        const seconds = (performance.now() - started) / 1000;
        const tests = summarize(readFileSync(logFile, "utf8"));
        const ok = code === 0 && tests.failed === 0 && tests.runs > 0;
        console.log(
          `run ${index}/${runs}: ${ok ? "passed" : "FAILED"} in ${seconds.toFixed(0)} s ` +
            `(exit ${code}; ${tests.passed} tests passed, ${tests.failed} failed) log: ${logFile}`,
        );
        done(ok);
      });
    }),
  );
}

let passed = 0;
for (let i = 1; i <= runs; i++) if (await runOnce(i)) passed += 1;
stopBusy();
console.log(`${passed} passed, ${runs - passed} failed`);
process.exitCode = passed === runs ? 0 : 1;
