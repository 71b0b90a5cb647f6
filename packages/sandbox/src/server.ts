// The sandbox HTTP server: both APIs on one port, routed and validated from the bundled contract.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type ApiName, loadContract, type OpenApiDocument, resolveRef } from "./contract.js";
import { enterpriseError, type Failure, organizationsError } from "./error-shapes.js";
import { type Context, enterpriseHandlers, type Handler, organizationsHandlers } from "./handlers.js";
import { BodyTooLarge, isJsonContentType, type Reply, readBody, send } from "./http-io.js";
import { type Api, compileApi, type Operation } from "./operations.js";
import { createSnapshotWriter, readSnapshot, type SnapshotWriter } from "./persistence.js";
import { createRateLimiter, type RateLimitOptions } from "./rate-limit.js";
import { Refusal } from "./refusal.js";
import { SEED_KEYS, seedState } from "./seed.js";
import type { Organization, State } from "./state.js";
import { Store } from "./store.js";
import { fieldErrors } from "./validation.js";

export interface SandboxOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Keep state in this file across restarts (atomic snapshots). In memory when omitted. */
  dataFile?: string;
  /** Per-key token bucket for v2; off when omitted. */
  rateLimit?: RateLimitOptions;
  /** Largest request body accepted, in bytes. Default 64 KiB. */
  bodyLimit?: number;
  /** Extra keys, each acting as the user of a seeded key: `{ "ci-secret": "sandbox-owner" }`. */
  keyAliases?: Record<string, string>;
  /** The clock; tests move it to expire invitations. */
  now?: () => Date;
}

export interface Sandbox {
  /** `http://host:port`, no trailing slash. */
  url: string;
  /** The v2 base URL (`<url>/v2/enterprise`). */
  enterpriseUrl: string;
  store: Store;
  close(): Promise<void>;
}

interface Mounted {
  api: Api;
  handlers: Record<string, Handler>;
  error: (f: Failure) => Reply;
}

const DEFAULT_BODY_LIMIT = 64 * 1024;

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

class Failed extends Error {
  constructor(
    readonly failure: Failure,
    /** The request's body is left unread: answer and close the connection. */
    readonly closeConnection = false,
  ) {
    super(failure.kind);
  }
}

/** Path segments `.`/`..` (plain or percent-encoded) would let a URL name another resource. */
function hasDotSegment(rawPath: string): boolean {
  return rawPath.split("/").some((s) => /^(\.|%2e){1,2}$/i.test(s));
}

function bearerKey(req: IncomingMessage): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
  return m?.[1];
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const now = options.now ?? (() => new Date());
  const docs = { enterprise: loadContract("enterprise"), organizations: loadContract("organizations") };
  const mounted: Record<ApiName, Mounted> = {
    enterprise: {
      api: compileApi("enterprise", docs.enterprise),
      handlers: enterpriseHandlers,
      error: enterpriseError,
    },
    organizations: {
      api: compileApi("organizations", docs.organizations),
      handlers: organizationsHandlers,
      error: organizationsError,
    },
  };
  for (const { api, handlers } of Object.values(mounted)) {
    for (const op of api.operations) {
      if (!handlers[op.operationId]) throw new Error(`no handler for ${api.name} ${op.operationId}`);
    }
  }

  let state: State = seedState(now());
  let writer: SnapshotWriter | undefined;
  if (options.dataFile) {
    state = (await readSnapshot(options.dataFile)) ?? state;
    writer = await createSnapshotWriter(options.dataFile, () => state);
  }
  const store = new Store(state, now, settingsDefaults(docs.organizations));
  const aliases = new Map<string, string>();
  for (const [alias, key] of Object.entries(options.keyAliases ?? {})) {
    // Either half may be the caller's secret (a pair written the other way round puts it second):
    // name only the seeded keys, which are public.
    if (!store.userByKey(key)) {
      throw new Error(
        `--key ALIAS=KEY: KEY is not a sandbox user's key (such as ${SEED_KEYS.map((k) => k.key).join(", ")}). ` +
          "The pair is the key your tests send, then a sandbox key; neither half is repeated here.",
      );
    }
    aliases.set(alias, key);
  }
  // The bucket refills on the sandbox's clock, so tests that move it decide when it refills.
  const limiter = options.rateLimit ? createRateLimiter(options.rateLimit, () => now().getTime()) : undefined;
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  let requests = 0;

  /** Which API owns a raw path, and the path below its base. */
  function mount(pathname: string): { m: Mounted; sub: string } | undefined {
    for (const m of [mounted.enterprise, mounted.organizations]) {
      const base = m.api.basePath;
      if (base && (pathname === base || pathname.startsWith(`${base}/`)))
        return { m, sub: pathname.slice(base.length) };
    }
    if (pathname.startsWith("/v1/")) return { m: mounted.organizations, sub: pathname };
    return undefined;
  }

  async function jsonBody(req: IncomingMessage, op: Operation): Promise<unknown> {
    let raw: Buffer;
    try {
      raw = await readBody(req, bodyLimit);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        throw new Failed(
          { kind: "unreadable", message: `The request body is larger than ${bodyLimit} bytes.` },
          !error.drained,
        );
      }
      throw error;
    }
    if (!op.validateBody) return undefined;
    if (raw.length === 0) {
      // Nothing to misread: the body the operation requires is missing (422 in v2).
      if (op.bodyRequired) throw new Failed({ kind: "invalid", message: "The request body is missing." });
      return undefined;
    }
    if (!isJsonContentType(req.headers["content-type"])) {
      throw new Failed({ kind: "unreadable", message: "The request body must be sent as application/json." });
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString("utf8"));
    } catch {
      throw new Failed({ kind: "unreadable", message: "The request body is not valid JSON." });
    }
    if (!op.validateBody(body)) {
      throw new Failed({
        kind: "invalid",
        message: "The request body breaks the contract.",
        errors: fieldErrors(op.validateBody.errors, "body"),
      });
    }
    return body;
  }

  async function handle(req: IncomingMessage, m: Mounted, sub: string, rawQuery: string): Promise<Reply> {
    const found = m.api.find(req.method ?? "GET", sub);
    if (found === "no-path") throw new Failed({ kind: "no_route", message: "No such resource." });
    if (found === "no-method")
      throw new Failed({ kind: "no_route", message: "No such operation on this path." });
    const { op } = found;

    const key = bearerKey(req);
    const actor = key === undefined ? undefined : store.userByKey(aliases.get(key) ?? key);
    if (!actor) throw new Failed({ kind: "unauthorized" });
    if (m.api.name === "enterprise") {
      const wait = limiter?.take(actor.apiKey) ?? 0;
      if (wait > 0) throw new Failed({ kind: "rate_limited", retryAfter: wait });
      if (actor.enterpriseRole !== "admin") throw new Failed({ kind: "forbidden" });
    }

    const path: Record<string, string> = {};
    for (const [name, value] of Object.entries(found.params)) {
      try {
        path[name] = decodeURIComponent(value);
      } catch {
        throw new Failed({ kind: "unreadable", message: `${name}: not a valid path segment.` });
      }
    }
    const query: Record<string, unknown> = { ...op.queryDefaults };
    for (const [name, value] of new URLSearchParams(rawQuery)) query[name] = value;
    const params = { path, query };
    if (!op.validateParams(params)) {
      const errors = fieldErrors(op.validateParams.errors, "parameters").map((e) => ({
        ...e,
        field: e.field.replace(/^(path|query)\./, ""),
      }));
      // The request was read; a parameter missing, of the wrong type or out of range breaks the
      // contract (422 in v2), as Prism's mock answers too.
      throw new Failed({ kind: "invalid", message: "Invalid parameters.", errors });
    }

    const ctx: Context = { store, actor, path, query, body: undefined };
    const permission = op.permission;
    if (permission?.scope === "organization") {
      ctx.org = store.organizationFor(actor, path.organization_id ?? "");
      if (!permission.roles?.includes(ctx.org.role)) {
        throw new Failed({ kind: "forbidden" });
      }
    }
    ctx.body = await jsonBody(req, op);

    const data = m.handlers[op.operationId]?.(ctx);
    if (op.method !== "GET") await writer?.persist();
    const status = op.successStatus;
    return {
      status,
      body: m.api.name === "organizations" ? { status_code: status, status_message: "SUCCESS", data } : data,
    };
  }

  async function handleSandbox(req: IncomingMessage, pathname: string): Promise<Reply | undefined> {
    const accept = /^\/_sandbox\/invitations\/(inv_[A-Za-z0-9]+)\/accept$/.exec(pathname);
    if (accept && req.method === "POST") {
      const data = store.acceptInvitation(accept[1] ?? "");
      await writer?.persist();
      return { status: 200, body: data };
    }
    const pending = /^\/_sandbox\/organizations\/(org_[A-Za-z0-9]+)\/invitations$/.exec(pathname);
    if (pending && req.method === "GET") {
      const org = store.state.organizations.find((o) => o.id === pending[1]);
      if (!org) throw new Refusal("not_found", "Organization not found.");
      return { status: 200, body: { invitations: store.pendingInvitations(org) } };
    }
    if (pathname === "/_sandbox/health" && req.method === "GET") return { status: 200, body: { ok: true } };
    return undefined;
  }

  async function respond(req: IncomingMessage, res: ServerResponse): Promise<void> {
    requests += 1;
    const requestId = `req_${requests.toString(36)}`;
    const rawUrl = req.url ?? "/";
    const q = rawUrl.indexOf("?");
    const pathname = q === -1 ? rawUrl : rawUrl.slice(0, q);
    const rawQuery = q === -1 ? "" : rawUrl.slice(q + 1);
    const target = mount(pathname);
    const error = target?.m.error ?? organizationsError;
    let reply: Reply;
    let close = false;
    try {
      if (hasDotSegment(pathname)) {
        throw new Failed({ kind: "unreadable", message: "Paths may not contain '.' or '..' segments." });
      }
      if (target) {
        reply = await handle(req, target.m, target.sub, rawQuery);
      } else {
        reply =
          (await handleSandbox(req, pathname)) ?? error({ kind: "no_route", message: "No such resource." });
      }
    } catch (thrown) {
      if (thrown instanceof Failed) {
        reply = error(thrown.failure);
        close = thrown.closeConnection;
      } else if (thrown instanceof Refusal) {
        reply = error({ kind: thrown.kind, message: thrown.message } as Failure);
      } else {
        console.error(thrown);
        reply = { status: 500, body: { code: "internal", message: "Internal error." } };
      }
    }
    if (!res.headersSent) send(res, reply, requestId, close);
  }

  const server: Server = createServer((req, res) => {
    respond(req, res).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(":") ? `[${address}]` : address;
  const url = `http://${host}:${port}`;
  return {
    url,
    enterpriseUrl: `${url}${mounted.enterprise.api.basePath}`,
    store,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
