// Section 4: heap growth while walking 100,000 items through the paging iterator. A second walk that
// keeps every item shows what growth looks like, so a flat first figure means something.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { printTable, verdict } from "./table.js";

export const PAGING_HEAP_BUDGET = 20 * 1024 * 1024;
const ITEMS = 100_000;

interface WalkResult {
  count: number;
  seconds: number;
  peakGrowth: number;
  liveGrowth: number;
  retained: number;
}

function walk(keep: boolean): Promise<WalkResult> {
  const script = fileURLToPath(new URL("./paging-walk.js", import.meta.url));
  const args = ["--expose-gc", script, ...(keep ? ["--keep"] : [])];
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      { env: { ...process.env, BENCH_MEMBER_TOTAL: String(ITEMS) } },
      (error, stdout) => {
        if (error) return reject(error);
        resolve(JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as WalkResult);
      },
    );
  });
}

const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;

export async function runPagingMemory(): Promise<void> {
  const streaming = await walk(false);
  const keeping = await walk(true);
  for (const r of [streaming, keeping]) {
    if (r.count !== ITEMS) throw new Error(`the walk yielded ${r.count} items, expected ${ITEMS}`);
  }
  printTable(
    `4. Paging memory: listAllMembers over ${ITEMS} items (page_size 100, ${ITEMS / 100} requests to the loopback server)`,
    ["walk", "time", "items/s", "live heap growth (max)", "retained after walk", "peak incl. garbage"],
    [
      [
        "for await, items dropped",
        `${streaming.seconds.toFixed(2)} s`,
        `${Math.round(ITEMS / streaming.seconds)}`,
        mb(streaming.liveGrowth),
        mb(streaming.retained),
        mb(streaming.peakGrowth),
      ],
      [
        "for await, items kept (reference)",
        `${keeping.seconds.toFixed(2)} s`,
        `${Math.round(ITEMS / keeping.seconds)}`,
        mb(keeping.liveGrowth),
        mb(keeping.retained),
        mb(keeping.peakGrowth),
      ],
    ],
  );
  printTable(
    "4. Budget",
    ["walk", "live heap growth (max, sampled after a forced GC every 5,000 items)"],
    [
      [
        "for await, items dropped",
        verdict(
          streaming.liveGrowth < PAGING_HEAP_BUDGET,
          `${mb(streaming.liveGrowth)} vs < ${mb(PAGING_HEAP_BUDGET)}`,
        ),
      ],
    ],
  );
}
