// Compile the examples and run each one, against the Prism mock of the bundled Enterprise spec
// (started here on 127.0.0.1 and a free port, and always stopped), or against ORGADMIN_BASE_URL
// with ORGADMIN_API_KEY when both are set.
import { execFileSync, spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bin = (name) => `${root}node_modules/.bin/${name}`;
const spec = fileURLToPath(new URL("../../../spec/dist/enterprise.json", import.meta.url));

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

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url, prism) {
  for (let i = 0; i < 150; i++) {
    if (prism.exitCode !== null) throw new Error(`prism exited with ${prism.exitCode}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error("prism did not start within 15 s");
}

function runExample({ name, prefer }, env) {
  const note = prefer
    ? `   (mock asked for ${prefer})`
    : name === "error-handling"
      ? "   (no error: prints nothing)"
      : "";
  console.log(`\n$ ${name}${note}`);
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

const real = process.env.ORGADMIN_BASE_URL && process.env.ORGADMIN_API_KEY;
let prism;
let failed = 0;
try {
  let env = {};
  if (real) {
    console.log(`Running the examples against ${process.env.ORGADMIN_BASE_URL}`);
  } else {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    prism = spawn(
      bin("prism"),
      ["mock", "--errors", "-h", "127.0.0.1", "-p", String(port), "-v", "warn", spec],
      {
        stdio: ["ignore", "ignore", "inherit"],
      },
    );
    await waitUntilUp(baseUrl, prism);
    console.log(`Running the examples against the Prism mock at ${baseUrl}`);
    env = { ORGADMIN_BASE_URL: baseUrl, ORGADMIN_API_KEY: "mock-key" };
  }
  for (const run of runs) {
    if (real && run.prefer) continue; // only a mock takes requests for particular answers
    if (!runExample(run, env)) failed++;
  }
} finally {
  prism?.kill();
}
if (failed) {
  console.error(`\n${failed} example run(s) failed`);
  process.exitCode = 1;
}
