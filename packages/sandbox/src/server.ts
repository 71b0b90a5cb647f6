// The sandbox HTTP server: both APIs on one port, routed and validated from the bundled contract.
// Start-up only: load the contract, restore the state, then hand each request to the pipeline.
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type ApiName,
  type Contract,
  loadContract,
  type OpenApiDocument,
  resolveRef,
} from "@orgadmin/spec/contract";
import { createCors } from "./cors.js";
import { enterpriseShape, organizationsShape } from "./error-shapes.js";
import { enterpriseHandlers, organizationsHandlers } from "./handlers.js";
import { answeredByEdge, attachEdge, closeStalled, createHostCheck, guardHost } from "./http-edge.js";
import { compileApi } from "./operations.js";
import { DataFile } from "./persistence.js";
import { createResponder } from "./pipeline.js";
import { createRateLimiter, type RateLimitOptions } from "./rate-limit.js";
import { type Mounted, mountFor, splitTarget } from "./route.js";
import { SEED_KEYS, seedState } from "./seed.js";
import type { Organization } from "./state.js";
import { Store } from "./store.js";

export interface SandboxOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Keep state in this file across restarts (snapshot + journal, locked). In memory when omitted. */
  dataFile?: string;
  /** Per-key token bucket for v2; off when omitted. */
  rateLimit?: RateLimitOptions;
  /** Largest request body accepted, in bytes. Default 64 KiB. */
  bodyLimit?: number;
  /** Extra keys, each acting as the user of a seeded key: `{ "ci-secret": "sandbox-owner" }`. */
  keyAliases?: Record<string, string>;
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
  /** Where one-line notices go (a client that hung up mid-request). Default: stderr. */
  log?: (line: string) => void;
  /** The clock; tests move it to expire invitations and refill the rate limit. */
  now?: () => Date;
}

export interface Sandbox {
  /** `http://host:port`, no trailing slash. */
  url: string;
  /** The v2 base URL (`<url>/v2/enterprise`). */
  enterpriseUrl: string;
  close(): Promise<void>;
}

/** What the tests may see besides the published surface (see testing.ts). */
export interface Internals {
  store: Store;
}

const DEFAULT_BODY_LIMIT = 64 * 1024;
const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/** How long a connection the HTTP layer answered may stay open for its client to read the answer. */
const LINGER_MS = 5_000;

/** Defaults of the settings omitted on create, read from the v1 schema. */
function settingsDefaults(doc: OpenApiDocument): Organization["settings"] {
  const input = resolveRef<{ properties: Record<string, { default?: unknown }> }>(doc, {
    $ref: "#/components/schemas/OrganizationSettingsInput",
  });
  const pick = (name: string): unknown => {
    const value = input.properties[name]?.default;
    if (value === undefined) throw new Error(`the spec gives OrganizationSettingsInput.${name} no default`);
    return value;
  };
  return {
    default_role: pick("default_role") as Organization["settings"]["default_role"],
    allow_public_projects: pick("allow_public_projects") as boolean,
  };
}

function mountApis(contracts: Record<ApiName, Contract>): Record<ApiName, Mounted> {
  const mounted: Record<ApiName, Mounted> = {
    enterprise: {
      api: compileApi(contracts.enterprise),
      handlers: enterpriseHandlers,
      shape: enterpriseShape,
    },
    organizations: {
      api: compileApi(contracts.organizations),
      handlers: organizationsHandlers,
      shape: organizationsShape(contracts.organizations.document),
    },
  };
  for (const { api, handlers } of Object.values(mounted)) {
    for (const op of api.operations) {
      if (!handlers[op.operationId]) throw new Error(`no handler for ${api.name} ${op.operationId}`);
    }
  }
  return mounted;
}

/** `--key` aliases, each checked against the users (naming neither half: either may be a secret). */
function keyAliases(store: Store, given: Record<string, string>): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const [alias, key] of Object.entries(given)) {
    if (!store.userByKey(key)) {
      throw new Error(
        `--key ALIAS=KEY: KEY is not a sandbox user's key (such as ${SEED_KEYS.map((k) => k.key).join(", ")}). ` +
          "The pair is the key your tests send, then a sandbox key; neither half is repeated here.",
      );
    }
    aliases.set(alias, key);
  }
  return aliases;
}

async function listen(server: Server, port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const { address, port: bound } = server.address() as AddressInfo;
  return `http://${address.includes(":") ? `[${address}]` : address}:${bound}`;
}

/** Starts a sandbox and returns it with its internals; `startSandbox` publishes only the first. */
/** The options' numbers, checked: NaN or a negative number would lift a limit or refuse everything. */
function limits(options: SandboxOptions): { bodyLimit: number; requestTimeout: number } {
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  if (!Number.isSafeInteger(bodyLimit) || bodyLimit < 1) {
    throw new RangeError("bodyLimit must be a whole number of bytes, at least 1");
  }
  if (!Number.isSafeInteger(requestTimeout) || requestTimeout < 1) {
    throw new RangeError("requestTimeoutMs must be a whole number of milliseconds, at least 1");
  }
  return { bodyLimit, requestTimeout };
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

/** Starts a sandbox and returns it with its internals; `startSandbox` publishes only the first. */
export async function launch(
  options: SandboxOptions = {},
): Promise<{ sandbox: Sandbox; internals: Internals }> {
  const now = options.now ?? (() => new Date());
  const { bodyLimit, requestTimeout } = limits(options);
  const contracts = { enterprise: loadContract("enterprise"), organizations: loadContract("organizations") };
  const mounted = mountApis(contracts);
  const apis = [mounted.enterprise, mounted.organizations];
  const outside = mounted.organizations.shape;
  const cors = createCors(
    options.corsOrigins,
    apis.flatMap(({ api }) => api.operations.map((op) => op.method)),
  );

  const load = (saved = seedState(now())) =>
    new Store(saved, now, settingsDefaults(contracts.organizations.document));
  const data = options.dataFile ? await DataFile.open(options.dataFile, load) : undefined;
  const store = data?.store ?? load();
  const host = options.host ?? "127.0.0.1";
  const edge = {
    shapeFor: (path: string | undefined) =>
      path === undefined ? outside : (mountFor(apis, splitTarget(path).pathname)?.shape ?? outside),
    cors,
  };
  // The address it listens on is a name it is meant to be reached by (unless it is every address).
  const listenedName = ["0.0.0.0", "::", ""].includes(host) ? [] : [host.includes(":") ? `[${host}]` : host];
  const hostAllowed = createHostCheck([...listenedName, ...(options.allowedHosts ?? [])]);
  let server: Server;
  let url: string;
  try {
    const responder = createResponder({
      apis,
      outside,
      store,
      aliases: keyAliases(store, options.keyAliases ?? {}),
      // The bucket refills on the sandbox's clock, so tests that move it decide when it refills.
      limiter: options.rateLimit ? createRateLimiter(options.rateLimit, () => now().getTime()) : undefined,
      bodyLimit,
      persist: () => data?.persist() ?? Promise.resolve(),
      cors,
      log: options.log ?? ((line) => console.error(line)),
      answeredByEdge,
    });
    server = httpServer(requestTimeout, guardHost(responder, edge, hostAllowed));
    attachEdge(server, edge, Math.min(requestTimeout, LINGER_MS));
    closeStalled(server, requestTimeout, Math.min(requestTimeout, 1_000));
    url = await listen(server, options.port ?? 0, host);
  } catch (error) {
    // A start that fails (a --key naming no user, a port in use) frees the data file's lock.
    await data?.close();
    throw error;
  }
  const sandbox: Sandbox = {
    url,
    enterpriseUrl: `${url}${mounted.enterprise.api.basePath}`,
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
      // The last writes are on disk; leave FILE as one snapshot and free its lock.
      await data?.close();
    },
  };
  return { sandbox, internals: { store } };
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return (await launch(options)).sandbox;
}
