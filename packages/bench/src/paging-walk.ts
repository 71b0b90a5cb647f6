// Child-process entry (run with --expose-gc): walks every member through listAllMembers against
// the loopback server and reports heap figures as JSON on stdout.
import { createOrganizationsClient, listAllMembers } from "@orgadmin/client";
import { ORGANIZATION_ID } from "./fixtures.js";
import { startLoopback } from "./loopback.js";

const total = Number(process.env.BENCH_MEMBER_TOTAL ?? "100000");
const keep = process.argv.includes("--keep");
const gc = globalThis.gc;
if (!gc) throw new Error("run with --expose-gc");

const server = await startLoopback({ BENCH_MEMBER_TOTAL: String(total) });
try {
  const client = createOrganizationsClient({ apiKey: "bench-key", baseUrl: server.url });
  const kept: unknown[] = [];
  gc();
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  let live = baseline;
  let count = 0;
  const start = performance.now();
  for await (const member of listAllMembers(client, ORGANIZATION_ID, { pageSize: 100 })) {
    if (keep) kept.push(member);
    if (++count % 500 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    // What the walk really holds: the heap after a full collection, every 5,000 items.
    if (count % 5_000 === 0) {
      gc();
      live = Math.max(live, process.memoryUsage().heapUsed);
    }
  }
  const seconds = (performance.now() - start) / 1000;
  gc();
  const retained = process.memoryUsage().heapUsed - baseline;
  process.stdout.write(
    `${JSON.stringify({ count, seconds, peakGrowth: peak - baseline, liveGrowth: live - baseline, retained, kept: kept.length })}\n`,
  );
} finally {
  await server.stop();
}
