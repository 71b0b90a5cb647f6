// Global setup: one Prism per API for the whole run (mock, or proxy when a real server is named),
// stopped by its own pid when the run ends, and also when it is interrupted.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { installCleanupOnExit, isGroupAlive, type PrismServer, startPrism } from "@orgadmin/prism";
import { API_NAMES, bundlePath } from "@orgadmin/spec/contract";
import type { TestProject } from "vitest/node";
import { pidsFile, runDir } from "../../src/run-dir.js";
import { targetOf } from "../../src/targets.js";
import type { ServerInfo } from "./provided.js";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  installCleanupOnExit();
  const dir = runDir();
  // CONTRACT_APIS narrows a run to some APIs (the lifecycle fixtures start one Prism, not two).
  const only = process.env.CONTRACT_APIS?.split(",").map((a) => a.trim());
  const targets = API_NAMES.filter((api) => !only || only.includes(api)).map((api) => targetOf(api));
  const started = await Promise.allSettled(
    targets.map((t) =>
      startPrism({
        spec: bundlePath(t.api),
        upstream: t.upstream,
        logFile: join(dir, `prism-${t.api}.log`),
      }),
    ),
  );
  const servers = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const stopAll = async (): Promise<void> => {
    await Promise.all(servers.map((s) => s.stop()));
    const survivors = servers.filter((s) => isGroupAlive(s.pid));
    if (survivors.length > 0) {
      throw new Error(`Prism outlived the run: pids ${survivors.map((s) => s.pid).join(", ")}`);
    }
  };
  const failures = started.flatMap((s) => (s.status === "rejected" ? [s.reason as Error] : []));
  if (failures.length > 0) {
    await stopAll();
    for (const failure of failures) console.error(failure.message);
    throw new Error(`Prism did not start (${failures.length} of ${targets.length}); its output is above`);
  }

  writeFileSync(pidsFile(dir), JSON.stringify(servers.map((s) => s.pid)));
  const info = Object.fromEntries(
    targets.map((t, i) => [t.api, { url: (servers[i] as PrismServer).url, mode: t.mode }]),
  ) as Record<(typeof API_NAMES)[number], ServerInfo>;
  project.provide("servers", info);
  return stopAll;
}
