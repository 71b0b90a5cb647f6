// Compile the examples and run each one, against the Prism mock of the bundled Enterprise spec
// (the workspace's shared lifecycle: 127.0.0.1, a free port, always stopped), or against
// ORGADMIN_BASE_URL with DEVIN_API_KEY when both are set.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { installCleanupOnExit, startPrism } from "@orgadmin/prism";
import { bundlePath } from "@orgadmin/spec/contract";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = (name) => `${root}node_modules/.bin/${name}`;
const spec = bundlePath("enterprise");

// The error example once as is, then once per error the seed handles (the mock answers as asked).
const runs = [
  ...[
    "list-members",
    "create-organization",
    "consumption-cycles",
    "session-insights",
    "invite-members",
    "audit-logs",
    "repository-permission",
    "error-handling",
  ].map((name) => ({ name })),
  { name: "error-handling", prefer: "code=401" },
  { name: "error-handling", prefer: "code=403" },
  { name: "error-handling", prefer: "code=429" },
];
const present = new Set(
  readdirSync(new URL("../examples", import.meta.url)).map((f) => f.replace(/\.ts$/, "")),
);
for (const { name } of runs) if (!present.has(name)) throw new Error(`missing example ${name}.ts`);

execFileSync(bin("tsc"), ["-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
execFileSync(bin("tsc"), ["-p", "examples/tsconfig.json"], { cwd: root, stdio: "inherit" });

function runExample({ name, prefer }, env) {
  console.log(`\n$ ${name}${prefer ? `   (mock asked for ${prefer})` : ""}`);
  try {
    execFileSync(process.execPath, [`.tmp/examples/${name}.js`], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, ...env, ...(prefer && { ORGADMIN_PREFER: prefer }) },
    });
    return true;
  } catch {
    return false;
  }
}

const real = process.env.ORGADMIN_BASE_URL && process.env.DEVIN_API_KEY;
let prism;
let passed = 0;
let failed = 0;
try {
  let env = {};
  if (real) {
    console.log(`Running the examples against ${process.env.ORGADMIN_BASE_URL}`);
  } else {
    // Prism runs in its own process group: an interrupted run must take it down explicitly.
    installCleanupOnExit();
    const logFile = join(mkdtempSync(join(tmpdir(), "orgadmin-examples-")), "prism.log");
    prism = await startPrism({ spec, logFile });
    console.log(`Running the examples against the Prism mock at ${prism.url} (its log: ${logFile})`);
    env = { ORGADMIN_BASE_URL: prism.url, DEVIN_API_KEY: "mock-key" };
  }
  for (const run of runs) {
    if (real && run.prefer) continue; // only a mock takes requests for particular answers
    if (runExample(run, env)) passed++;
    else failed++;
  }
} finally {
  await prism?.stop();
}
console.log(`\nexamples: ${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
