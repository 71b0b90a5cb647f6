// `pnpm bench`: the same mixed load against the sandbox and against Prism's mock, in one run.
// Prints p50/p99 latency and throughput for each. Both servers run in this process, one at a time.

import { createRequire } from "node:module";
import { createLogger } from "@stoplight/prism-core";
import { getHttpOperationsFromSpec } from "@stoplight/prism-http";
import { createServer as createPrismServer } from "@stoplight/prism-http-server";
import { startSandbox } from "../src/server.js";
import { type LoadResult, runLoad, visibleOrganizationNames } from "./load-mix.js";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 10_000);
const require = createRequire(import.meta.url);

async function startPrism(
  api: "enterprise" | "organizations",
): Promise<{ url: string; close: () => Promise<void> }> {
  const operations = await getHttpOperationsFromSpec(require.resolve(`@orgadmin/spec/${api}.json`));
  const server = createPrismServer(operations, {
    components: { logger: createLogger("bench", { level: "silent" }) },
    cors: false,
    config: {
      checkSecurity: true,
      validateRequest: true,
      validateResponse: true,
      errors: false,
      upstreamProxy: undefined,
      isProxy: false,
      mock: { dynamic: false },
    },
  });
  const address = await server.listen(0, "127.0.0.1");
  return { url: address.replace(/\/$/, ""), close: () => server.close() };
}

function line(name: string, r: LoadResult): string {
  const statuses = Object.entries(r.byStatus)
    .map(([s, n]) => `${s}×${n}`)
    .join(" ");
  return `${name.padEnd(8)} ${r.throughput.toFixed(0).padStart(7)} req/s  p50 ${r.p50Ms.toFixed(1).padStart(6)} ms  p99 ${r.p99Ms.toFixed(1).padStart(6)} ms  requests ${r.requests}  5xx ${r.serverErrors}  [${statuses}]`;
}

async function main(): Promise<void> {
  console.log(
    `mixed load: ${CLIENTS} concurrent clients, ${DURATION_MS / 1000} s per server, node ${process.version}`,
  );

  const sandbox = await startSandbox();
  const sandboxResult = await runLoad(
    { organizations: sandbox.url, enterprise: sandbox.enterpriseUrl },
    { clients: CLIENTS, durationMs: DURATION_MS, namePrefix: "bench" },
  );
  const names = await visibleOrganizationNames(sandbox.url);
  const created = [...names].filter((n) => n.startsWith("bench-")).length;
  await sandbox.close();

  const [enterprise, organizations] = await Promise.all([
    startPrism("enterprise"),
    startPrism("organizations"),
  ]);
  const prismResult = await runLoad(
    { organizations: organizations.url, enterprise: enterprise.url },
    { clients: CLIENTS, durationMs: DURATION_MS, namePrefix: "bench" },
  );
  await Promise.all([enterprise.close(), organizations.close()]);

  console.log(line("sandbox", sandboxResult));
  console.log(line("prism", prismResult));
  console.log(
    `sandbox state check: ${sandboxResult.acknowledged.length} acknowledged creates, ${created} organizations found` +
      `${created === sandboxResult.acknowledged.length ? " (equal)" : " (MISMATCH)"}`,
  );
  if (sandboxResult.serverErrors > 0 || created !== sandboxResult.acknowledged.length) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
