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
  --allowed-host NAME    also answer requests for Host NAME, * for any (repeatable; default:
                         localhost, 127.0.0.1, [::1] and --host, whatever the port)
  --quiet                print only the listening line
  -h, --help             show this help`;

function parseRateLimit(text: string | undefined) {
  if (text === undefined) return undefined;
  const m = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(text);
  if (!m) throw new Error("--rate-limit must look like 10/5 (capacity/refill per second)");
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

/**
 * parseArgs' own messages quote the argument they stumbled on, which may be a secret (a `--key`
 * pair read as a positional argument once its option lost its value): say where, never what.
 */
function readArgs<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const hint = "Run with --help for the options; no argument is repeated here, as one may be a secret.";
    if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
      throw new Error(`Unexpected argument: an option (such as --key) may be missing its value. ${hint}`);
    }
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      // A long option's name (lowercase words, as options are spelt) is no secret; anything else may be.
      const name = /^Unknown option '(--[a-z][a-z-]*)'/.exec((error as Error).message)?.[1];
      throw new Error(`Unknown option${name ? ` ${name}` : ""}. ${hint}`);
    }
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      throw new Error(`An option is missing its value, or was given one it does not take. ${hint}`);
    }
    throw new Error(`The arguments could not be read. ${hint}`);
  }
}

async function main(): Promise<void> {
  const unsupported = unsupportedNode();
  if (unsupported) throw new Error(unsupported);
  const { values } = readArgs(() =>
    parseArgs({
      options: {
        port: { type: "string", default: "4020" },
        host: { type: "string", default: "127.0.0.1" },
        data: { type: "string" },
        "rate-limit": { type: "string" },
        "body-limit": { type: "string" },
        key: { type: "string", multiple: true },
        "cors-origin": { type: "string", multiple: true },
        "allowed-host": { type: "string", multiple: true },
        quiet: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
    }),
  );
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
    ...(values["allowed-host"] && { allowedHosts: values["allowed-host"] }),
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

/** The message for a failed start; a system error quotes the address it was given, so it names the code. */
function startFailure(error: unknown): string {
  const { code, syscall } = error as NodeJS.ErrnoException;
  if (syscall === "getaddrinfo" || syscall === "listen" || syscall === "bind") {
    return `Cannot listen on the --host and --port given (${code}).`;
  }
  return error instanceof Error ? error.message : String(error);
}

main().catch((error: unknown) => {
  console.error(startFailure(error));
  process.exit(1);
});
