// A Prism mock that can load a new document without a restart: `node mock-host.js <spec> <host> <port>`,
// run by startReloadableMock. It serves what `prism mock --errors` serves (Prism's own server and
// configuration); on an IPC "reload" it reads the document again and, only when that gives
// operations, swaps them in, so the port never closes and a broken document leaves the last good
// one served. It exits when its parent goes away, so a killed `pnpm dev` leaves no mock behind.
import { createLogger } from "@stoplight/prism-core";
import { getHttpOperationsFromSpec, resetJSONSchemaGenerator } from "@stoplight/prism-http";
import { createServer } from "@stoplight/prism-http-server";

export type HostRequest = { type: "reload"; id: number };
export type HostReply =
  | { type: "reloaded"; id: number; operations: number }
  | { type: "reload-failed"; id: number; message: string };

const [spec, host, port] = process.argv.slice(2);
if (!spec || !host || !port) throw new Error("usage: mock-host.js <spec> <host> <port>");

type Operations = Awaited<ReturnType<typeof getHttpOperationsFromSpec>>;

/** Prism's reading of the document, refused when it has no operation (as Prism's own watcher does). */
async function load(): Promise<Operations> {
  const operations = await getHttpOperationsFromSpec(spec as string);
  if (operations.length === 0) throw new Error(`no operations found in ${spec}`);
  // A fresh generator, as `prism mock` starts with (the contract sets no x-json-schema-faker options).
  resetJSONSchemaGenerator();
  return operations;
}

const logger = createLogger("HTTP SERVER", { level: "info" });
// Prism's server reads this array on every request: replacing its contents swaps the document.
const live: Operations = await load();
const server = createServer(live, {
  cors: true,
  components: { logger },
  config: {
    isProxy: false,
    validateRequest: true,
    validateResponse: true,
    checkSecurity: true,
    errors: true,
    upstreamProxy: undefined,
    mock: { dynamic: false, ignoreExamples: false },
  },
});
const address = await server.listen(Number(port), host);
console.log(`Prism is listening on ${address}`);

let queue = Promise.resolve();
process.on("message", (request: HostRequest) => {
  if (request?.type !== "reload") return;
  // One reload at a time, in the order asked.
  queue = queue.then(async () => {
    let reply: HostReply;
    try {
      const operations = await load();
      live.splice(0, live.length, ...operations);
      reply = { type: "reloaded", id: request.id, operations: operations.length };
    } catch (error) {
      reply = { type: "reload-failed", id: request.id, message: (error as Error).message };
    }
    console.log(`${reply.type} ${spec}`);
    process.send?.(reply);
  });
});
process.on("disconnect", () => process.exit(0));
