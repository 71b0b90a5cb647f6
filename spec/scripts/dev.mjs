// The designer loop: Prism mocks for both APIs on fixed local ports; every save in the spec
// re-lints and re-bundles, and Prism reloads the bundled document it serves.
import { spawn, spawnSync } from "node:child_process";
import { watch } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const specDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => join(specDir, "node_modules", ".bin", name);
const env = { ...process.env, REDOCLY_TELEMETRY: "off", SCARF_ANALYTICS: "false" };

export const ports = {
  enterprise: Number(process.env.ORGADMIN_MOCK_ENTERPRISE_PORT ?? 4010),
  organizations: Number(process.env.ORGADMIN_MOCK_ORGANIZATIONS_PORT ?? 4011),
};

function rebuild() {
  const lint = spawnSync(process.execPath, [join(specDir, "scripts", "lint.mjs")], { env, stdio: "inherit" });
  // A spec that fails lint is still bundled when it resolves, so the mock follows the edit.
  const bundle = spawnSync(process.execPath, [join(specDir, "scripts", "bundle.mjs"), "--no-docs"], {
    env,
    stdio: "inherit",
  });
  if (lint.status !== 0)
    console.error("\n[dev] lint found problems (above); the mock serves the bundle anyway.");
  return bundle.status === 0;
}

if (!rebuild()) {
  console.error("[dev] the spec does not bundle; fix the errors above and run again.");
  process.exit(1);
}

const mocks = Object.entries(ports).map(([name, port]) => {
  const child = spawn(
    bin("prism"),
    [
      "mock",
      "--host",
      "127.0.0.1",
      "--port",
      String(port),
      "--errors",
      join(specDir, "dist", `${name}.json`),
    ],
    { env, stdio: ["ignore", "inherit", "inherit"] },
  );
  console.log(`[dev] ${name} mock → http://127.0.0.1:${port}`);
  return child;
});
console.log(
  `[dev] try: curl -H 'Authorization: Bearer dev' http://127.0.0.1:${ports.enterprise}/members\n` +
    `[dev]      curl -H 'Authorization: Bearer dev' http://127.0.0.1:${ports.organizations}/v1/organizations`,
);

let timer;
for (const dir of ["enterprise", "organizations"]) {
  watch(join(specDir, dir), { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      console.log("\n[dev] spec changed: linting and bundling…");
      if (rebuild()) console.log("[dev] bundled; the mocks reload it.");
    }, 150);
  });
}

function stop() {
  for (const child of mocks) child.kill("SIGTERM");
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
