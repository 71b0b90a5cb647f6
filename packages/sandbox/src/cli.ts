#!/usr/bin/env node
// `orgadmin-sandbox [options]`: see HELP.
import { parseArgs } from "node:util";
import { loadContract } from "@orgadmin/spec/contract";
import { parseByteSize } from "./byte-size.js";
import { parseCorsOrigin } from "./cors.js";
import { parseKeyAlias } from "./key-alias.js";
import { unsupportedNode } from "./node-floor.js";
import { SEED_KEYS } from "./seed.js";
import { startSandbox } from "./server.js";

const HELP = `Usage: orgadmin-sandbox [options]

  --port N               port to listen on (default 4020; 0 picks a free one)
  --host H               address to listen on (default 127.0.0.1)
  --data FILE            keep state in FILE, a SQLite database, across restarts (default: in memory)
  --rate-limit C/R       per-key token bucket for v2: C requests at once, R per second
  --body-limit SIZE      largest request body accepted: bytes, or with a unit (64kb, 1mb; default 64kb)
  --key ALIAS=KEY        also accept ALIAS, acting as the user of the seeded KEY (repeatable)
  --cors-origin ORIGIN   let pages from ORIGIN call the sandbox, * for any (repeatable;
                         default: any loopback origin, such as http://localhost:5173)
  --quiet                print only the listening line
  -h, --help             show this help`;

function parseRateLimit(text: string | undefined) {
  if (text === undefined) return undefined;
  const m = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(text);
  if (!m) throw new Error(`--rate-limit must look like 10/5 (capacity/refill per second), not ${text}`);
  return { capacity: Number(m[1]), refillPerSecond: Number(m[2]) };
}

/** Parses an option's value, naming the option in the error (never repeating the value). */
function option<T>(name: string, text: string | undefined, parse: (text: string) => T): T | undefined {
  if (text === undefined) return undefined;
  try {
    return parse(text);
  } catch (error) {
    throw new Error(`${name}: ${(error as Error).message}`);
  }
}

async function main(): Promise<void> {
  const unsupported = unsupportedNode();
  if (unsupported) throw new Error(unsupported);
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "4020" },
      host: { type: "string", default: "127.0.0.1" },
      data: { type: "string" },
      "rate-limit": { type: "string" },
      "body-limit": { type: "string" },
      key: { type: "string", multiple: true },
      "cors-origin": { type: "string", multiple: true },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const rateLimit = parseRateLimit(values["rate-limit"]);
  const bodyLimit = option("--body-limit", values["body-limit"], parseByteSize);
  const keyAliases = Object.fromEntries((values.key ?? []).map(parseKeyAlias));
  const corsOrigins = values["cors-origin"]?.map((o) => option("--cors-origin", o, parseCorsOrigin) ?? o);
  const sandbox = await startSandbox({
    port: Number(values.port),
    host: values.host,
    ...(values.data && { dataFile: values.data }),
    ...(rateLimit && { rateLimit }),
    ...(bodyLimit !== undefined && { bodyLimit }),
    keyAliases,
    ...(corsOrigins && { corsOrigins }),
  });
  console.log(`orgadmin sandbox listening on ${sandbox.url}`);
  if (!values.quiet) {
    // The v1 collection's path as the contract names it (its server URL is the host alone).
    const [collection] = loadContract("organizations")
      .operations.map((op) => op.path)
      .sort((a, b) => a.length - b.length);
    console.log(`  Organizations API v1: ${sandbox.url}${collection ?? ""}`);
    console.log(`  Enterprise admin API v2: ${sandbox.enterpriseUrl}`);
    console.log(values.data ? `  state kept in ${values.data}` : "  state in memory (lost on exit)");
    console.log("  API keys (Authorization: Bearer <key>):");
    for (const k of SEED_KEYS) console.log(`    ${k.key.padEnd(26)} ${k.email.padEnd(20)} ${k.use}`);
  }
  const stop = () => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
