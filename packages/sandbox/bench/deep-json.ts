// `pnpm bench` (sandbox): how long a 16 MiB JSON body nested 4 million levels deep takes to be
// refused (target: 100 ms), against a same-run baseline of a flat 16 MiB body (what reading and
// parsing that many bytes costs anyway). The sandbox runs as its own process (`--body-limit 16mb`);
// BENCH_BASELINE_CLI=<another build's dist/cli.js> measures that build too, in the same rounds.
import { request } from "node:http";
import { cpus, loadavg } from "node:os";
import { median, spread, startSandboxProcess, THIS_CLI } from "./processes.js";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const TARGET_MS = 100;
const SIZE = 16 * 1024 * 1024;
const DEPTH = 4_000_000;

function bodies(): Record<string, Buffer> {
  const deep = Buffer.alloc(SIZE, 0x20);
  deep.fill("[", 0, DEPTH);
  deep.fill("]", DEPTH, 2 * DEPTH);
  // An empty name: read, parsed and refused by the schema, so nothing is created.
  const flat = Buffer.alloc(SIZE, 0x20);
  flat.write('{"name":""}');
  return { deep, flat };
}

/** Milliseconds from sending the request to the end of its answer, which must be a 400. */
function timePost(base: string, body: Buffer): Promise<number> {
  const { hostname, port } = new URL(base);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: hostname,
        port,
        method: "POST",
        path: "/v1/organizations",
        agent: false,
        headers: {
          Authorization: "Bearer sandbox-owner",
          "Content-Type": "application/json",
          "Content-Length": body.length,
        },
      },
      (res) => {
        res.resume();
        res.on("end", () =>
          res.statusCode === 400
            ? resolve(performance.now() - started)
            : reject(new Error(`expected 400, got ${res.statusCode}`)),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function main(): Promise<void> {
  console.log(
    `\n## A 16 MiB body nested ${DEPTH.toLocaleString("en-US")} deep (${ROUNDS} rounds, interleaved; node ${process.version}; ${cpus().length} cores, load average ${loadavg()[0]?.toFixed(1)} at the start)`,
  );
  const clis: Record<string, string> = { sandbox: THIS_CLI };
  if (process.env.BENCH_BASELINE_CLI) clis.baseline = process.env.BENCH_BASELINE_CLI;
  const servers = await Promise.all(
    Object.entries(clis).map(async ([name, cli]) => ({
      name,
      ...(await startSandboxProcess(cli, ["--body-limit", "16mb"])),
    })),
  );
  const payloads = bodies();
  const times: Record<string, number[]> = {};
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const server of servers) {
        for (const [kind, body] of Object.entries(payloads)) {
          const key = `${server.name} ${kind}`;
          const elapsed = await timePost(server.url, body);
          times[key] = [...(times[key] ?? []), elapsed];
        }
      }
    }
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
  console.log("\n| server | body | ms to its 400: median [min–max] | ≤ 100 ms |");
  console.log("| --- | --- | --- | --- |");
  for (const [key, xs] of Object.entries(times)) {
    const [server, kind] = key.split(" ");
    const verdict = kind === "deep" ? (median(xs) <= TARGET_MS ? "met" : "**missed**") : "(baseline)";
    console.log(`| ${server} | ${kind} | ${spread(xs, 1)} | ${verdict} |`);
  }
  for (const { name } of servers) {
    const deep = times[`${name} deep`] ?? [];
    const ratios = deep.map((d, i) => d / (times[`${name} flat`]?.[i] ?? Number.NaN));
    console.log(`${name}: deep ÷ flat, per round: ${spread(ratios, 1)}×`);
  }
  console.log(`load average at the end: ${loadavg()[0]?.toFixed(1)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
