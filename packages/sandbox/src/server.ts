// The sandbox's Node server: the core (core.ts) behind node:http, both APIs on one port. What only
// a socket has stays here: reading the body with a limit, CORS, the HTTP layer's own answers
// (http-edge.ts), the request timeout, and the data file that keeps the state across restarts.
import { createServer, type IncomingMessage, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { assemble, type Core, prepare, type SandboxCore, type SandboxCoreOptions } from "./core.js";
import { type Cors, createCors } from "./cors.js";
import { answeredByEdge, attachEdge, closeStalled, createHostCheck, guardHost } from "./http-edge.js";
import { BodyTooLarge, ClientGone, readBody, send } from "./http-io.js";
import { DataFile } from "./persistence.js";
import { type Answer, NetworkFailure, type Responder } from "./pipeline.js";
import { Refusal } from "./refusal.js";
import type { Store } from "./store.js";

export interface SandboxOptions extends SandboxCoreOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Keep state in this file across restarts. In memory when omitted. */
  dataFile?: string;
  /**
   * Origins a browser page may call from (`https://admin.example.com`, or `*` for any). Default:
   * any loopback origin (`http://localhost:5173`, `http://127.0.0.1:8080`, …).
   */
  corsOrigins?: string[];
  /**
   * Host names (as in a `Host` header, without the port) answered besides the loopback names
   * (`localhost`, `127.0.0.1`, `[::1]`) and `host`; `*` for any. Other names get 403, so a page
   * cannot reach the sandbox through a DNS name it rebinds to this machine.
   */
  allowedHosts?: string[];
  /** How long a request (headers and body) may take to arrive, in ms. Default 10 000. */
  requestTimeoutMs?: number;
}

/** A sandbox listening on a port; its core (fetch and the test controls) is there too. */
export interface Sandbox extends SandboxCore {
  /** `http://host:port`, no trailing slash. */
  url: string;
  /** The v2 base URL (`<url>/v2/enterprise`). */
  enterpriseUrl: string;
  close(): Promise<void>;
}

/** What the tests may see besides the published surface (see testing.ts). */
export interface Internals {
  store: Store;
  /** The `--data` database, when there is one. */
  dataFile: DataFile | undefined;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/** How long a connection the HTTP layer answered may stay open for its client to read the answer. */
const LINGER_MS = 5_000;

async function listen(server: Server, port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const { address, port: bound } = server.address() as AddressInfo;
  return `http://${address.includes(":") ? `[${address}]` : address}:${bound}`;
}

/** The timeout, checked: NaN or a negative number would lift the limit or refuse everything. */
function requestTimeoutOf(options: SandboxOptions): number {
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  if (!Number.isSafeInteger(requestTimeout) || requestTimeout < 1) {
    throw new RangeError("requestTimeoutMs must be a whole number of milliseconds, at least 1");
  }
  return requestTimeout;
}

/**
 * A request's headers and body must arrive within a few seconds, so no client holds a connection
 * (or a half-sent request) open for long; Node checks every second, not every 30.
 */
function httpServer(requestTimeout: number, listener: RequestListener): Server {
  return createServer(
    {
      requestTimeout,
      headersTimeout: Math.min(requestTimeout, 5_000),
      connectionsCheckingInterval: Math.min(requestTimeout, 1_000),
      keepAliveTimeout: 5_000,
    },
    listener,
  );
}

/** The request's headers as the core reads them. */
function headersOf(req: IncomingMessage): { get(name: string): string | null } {
  return {
    get(name) {
      const value = req.headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    },
  };
}

/** The request listener: CORS and the body read here, everything else by the core. */
function listener(
  responder: Responder,
  cors: Cors,
  bodyLimit: number,
  log: (line: string) => void,
): RequestListener {
  return async (req, res) => {
    const method = req.method ?? "GET";
    let answer: Answer | undefined;
    let closeAfter = false;
    try {
      if (cors.isPreflight(method, req.headers)) {
        answer = cors.allows(req.headers)
          ? { status: 204, headers: cors.preflightHeaders(req.headers) }
          : responder.refuse(
              req.url,
              new Refusal(
                "forbidden",
                "This origin may not call the sandbox: start it with --cors-origin set to the page's origin.",
              ),
            );
      } else {
        let body: Uint8Array | undefined;
        try {
          body = await readBody(req, bodyLimit);
        } catch (error) {
          if (!(error instanceof BodyTooLarge)) throw error;
          // A body left unread (past the drain limit) cannot be skipped: answer, then close.
          closeAfter = !error.drained;
          answer = responder.refuse(
            req.url,
            new Refusal("unreadable", `The request body is larger than ${bodyLimit} bytes.`),
          );
        }
        if (body)
          answer = await responder.respond({ method, target: req.url ?? "/", headers: headersOf(req), body });
      }
    } catch (thrown) {
      if (thrown instanceof NetworkFailure) {
        res.destroy();
        return;
      }
      if (!(thrown instanceof ClientGone)) throw thrown;
      // Nobody is left to answer, and nothing went wrong here: one line, not a stack.
      if (!answeredByEdge(req)) {
        log(
          `${method} ${req.url?.split("?")[0]}: the client closed the connection before the request body ended`,
        );
      }
      return;
    }
    if (!answer || res.headersSent || res.destroyed) return;
    const headers: Record<string, string> = cors.headers(req.headers);
    if (closeAfter) headers.Connection = "close";
    send(res, answer, headers);
  };
}

/** Starts a sandbox and returns it with its internals; `startSandbox` publishes only the first. */
export async function launch(
  options: SandboxOptions = {},
): Promise<{ sandbox: Sandbox; internals: Internals }> {
  const requestTimeout = requestTimeoutOf(options);
  const prepared = prepare(options);
  const { mounted } = prepared;
  const cors = createCors(
    options.corsOrigins,
    Object.values(mounted).flatMap(({ api }) => api.operations.map((op) => op.method)),
  );
  const data = options.dataFile ? await DataFile.open(options.dataFile, prepared.load) : undefined;
  const log = options.log ?? ((line: string) => console.error(line));
  const host = options.host ?? "127.0.0.1";
  let core: Core;
  let server: Server;
  let url: string;
  try {
    core = assemble(
      prepared,
      data?.store ?? prepared.load(),
      options,
      () => data?.persist() ?? Promise.resolve(),
    );
    const { responder } = core;
    const edge = { shapeFor: (path: string | undefined) => responder.shapeFor(path), cors };
    // The address it listens on is a name it is meant to be reached by (unless it is every address).
    const listened = ["0.0.0.0", "::", ""].includes(host) ? [] : [host.includes(":") ? `[${host}]` : host];
    const hostAllowed = createHostCheck([...listened, ...(options.allowedHosts ?? [])]);
    server = httpServer(
      requestTimeout,
      guardHost(
        listener(responder, cors, prepared.bodyLimit, log),
        (url, refusal) => responder.refuse(url, refusal),
        cors,
        hostAllowed,
      ),
    );
    attachEdge(server, edge, Math.min(requestTimeout, LINGER_MS));
    closeStalled(server, requestTimeout, Math.min(requestTimeout, 1_000));
    url = await listen(server, options.port ?? 0, host);
  } catch (error) {
    // A start that fails (a --key naming no user, a port in use) frees the data file's lock.
    await data?.close();
    throw error;
  }
  const sandbox: Sandbox = {
    ...core.sandbox,
    url,
    enterpriseUrl: `${url}${mounted.enterprise.api.basePath}`,
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
      // Every answer sent was durable; commit what no one waits for, and free the file's lock.
      await data?.close();
    },
  };
  return { sandbox, internals: { store: core.store, dataFile: data } };
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return (await launch(options)).sandbox;
}
