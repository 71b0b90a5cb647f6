// The sandbox's core: both APIs as a fetch handler (`Request → Response`) over the state, with the
// controls a test suite needs (reset, seed, scenarios, the clock). No socket and nothing from
// `node:`: it runs in Node, Bun, Deno, browsers and workers. The Node server (server.ts), the data
// file and the MSW handlers are adapters around it.
import {
  type ApiName,
  type Contract,
  contractOf,
  type OpenApiDocument,
  resolveRef,
} from "@orgadmin/spec/portable";
import { type Clock, SandboxClock } from "./clock.js";
import { DOCUMENTS } from "./documents.js";
import { enterpriseShape, organizationsShape } from "./error-shapes.js";
import { type Seeded, type SeedFixtures, seedFixtures } from "./fixtures.js";
import { enterpriseHandlers, organizationsHandlers } from "./handlers.js";
import { compileApi } from "./operations.js";
import { type Answer, createResponder, type Incoming, type Pipeline, type Responder } from "./pipeline.js";
import { createRateLimiter, type RateLimitOptions } from "./rate-limit.js";
import type { Mounted } from "./route.js";
import { type OperationIds, type ScenarioBehaviour, Scenarios } from "./scenarios.js";
import { SEED_KEYS, seedState } from "./seed.js";
import { STARTING_KEYS, type StartingKeys } from "./starting-data.js";
import type { Organization, State } from "./state.js";
import { Store } from "./store.js";

export interface SandboxCoreOptions {
  /** The clock the sandbox starts from (default: the system clock); `clock.advance` moves it on. */
  now?: () => Date;
  /** Per-key token bucket for v2, refilled on the sandbox's clock; off when omitted. */
  rateLimit?: RateLimitOptions;
  /** Largest request body accepted, in bytes. Default 64 KiB. */
  bodyLimit?: number;
  /** Extra keys, each acting as the user of a starting key: `{ "ci-secret": "sandbox-owner" }`. */
  keyAliases?: Record<string, string>;
  /** Where one-line notices go. Default: console.error. */
  log?: (line: string) => void;
}

export interface SandboxCore {
  /**
   * Answers a request for either API as the server would, called as the global `fetch` is (a
   * Request, or an absolute URL and its init). Any origin: routing reads the path.
   */
  fetch(input: Request | string | URL, init?: RequestInit): Promise<Response>;
  /** Back to the starting data (and the data file, when there is one); scenarios and rate limits cleared. */
  reset(): Promise<void>;
  /** Users with keys, then organizations, members and invitations made through the API's own rules. */
  seed(fixtures: SeedFixtures): Promise<Seeded>;
  /** The next calls of `operationId` answer a documented status, fail, or wait on the clock. */
  scenario<A extends ApiName>(api: A, operationId: OperationIds[A], behaviour: ScenarioBehaviour): void;
  /** The sandbox's clock: advance it to expire invitations, refill the rate limit, release delays. */
  clock: Clock;
  /** The starting users' API keys. */
  keys: StartingKeys;
}

/** What the Node server and the tests reach besides the published surface. */
export interface Core {
  sandbox: SandboxCore;
  responder: Responder;
  store: Store;
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

function bodyLimitOf(options: SandboxCoreOptions): number {
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  if (!Number.isSafeInteger(bodyLimit) || bodyLimit < 1) {
    throw new RangeError("bodyLimit must be a whole number of bytes, at least 1");
  }
  return bodyLimit;
}

/** Everything a sandbox is made of before it has its state: the contract compiled, the clock. */
export interface Prepared {
  contracts: Record<ApiName, Contract>;
  mounted: Record<ApiName, Mounted>;
  clock: SandboxClock;
  bodyLimit: number;
  /** The documented starting data, as of the clock's start: what `reset()` goes back to. */
  starting: State;
  /** A store over `saved`, or over the starting data. */
  load(saved?: State): Store;
}

interface Compiled {
  contracts: Record<ApiName, Contract>;
  mounted: Record<ApiName, Mounted>;
  defaults: Organization["settings"];
}

/**
 * The contract read and its validators compiled, once per process: they never change and hold no
 * state, and compiling is most of what creating a sandbox costs (a sandbox per test stays cheap).
 */
let compiled: Compiled | undefined;
function compile(): Compiled {
  if (!compiled) {
    const contracts = {
      enterprise: contractOf("enterprise", DOCUMENTS.enterprise, "@orgadmin/spec/enterprise.json"),
      organizations: contractOf(
        "organizations",
        DOCUMENTS.organizations,
        "@orgadmin/spec/organizations.json",
      ),
    };
    compiled = {
      contracts,
      mounted: mountApis(contracts),
      defaults: settingsDefaults(contracts.organizations.document),
    };
  }
  return compiled;
}

export function prepare(options: SandboxCoreOptions = {}): Prepared {
  const bodyLimit = bodyLimitOf(options);
  const clock = new SandboxClock(options.now);
  const { contracts, mounted, defaults } = compile();
  const starting = seedState(clock.now());
  return {
    contracts,
    mounted,
    clock,
    bodyLimit,
    starting,
    load: (saved = starting) => new Store(saved, clock.now, defaults),
  };
}

const utf8 = new TextEncoder();
const EMPTY = new Uint8Array(0);

/** An Answer as a Response (HEAD and 204 without a body, as on the wire). */
function toResponse(answer: Answer, method: string): Response {
  const { status, headers, text } = answer;
  if (text === undefined) return new Response(null, { status, headers });
  if (method === "HEAD") {
    return new Response(null, {
      status,
      headers: { ...headers, "Content-Length": String(utf8.encode(text).length) },
    });
  }
  return new Response(text, { status, headers });
}

/** The path and query of an absolute URL, without parsing the rest of it. */
function targetOf(url: string): string {
  const path = url.indexOf("/", url.indexOf("//") + 2);
  const target = path === -1 ? "/" : url.slice(path);
  const hash = target.indexOf("#");
  return hash === -1 ? target : target.slice(0, hash);
}

/** The core over a store: `persist` makes changes durable (the data file), a no-op in memory. */
export function assemble(
  prepared: Prepared,
  store: Store,
  options: SandboxCoreOptions = {},
  persist: () => Promise<void> = () => Promise.resolve(),
): Core {
  const { contracts, mounted, clock, bodyLimit } = prepared;
  // Rows are never modified in place, so the starting data's rows can be put back as they are.
  const { version: _version, ...starting } = prepared.starting;
  const limiter = () =>
    options.rateLimit ? createRateLimiter(options.rateLimit, () => clock.now().getTime()) : undefined;
  const scenarios = new Scenarios(contracts, clock);
  const pipeline: Pipeline = {
    apis: [mounted.enterprise, mounted.organizations],
    outside: mounted.organizations.shape,
    store,
    aliases: keyAliases(store, options.keyAliases ?? {}),
    limiter: limiter(),
    bodyLimit,
    persist,
    scenarios,
    log: options.log ?? ((line) => console.error(line)),
  };
  const responder = createResponder(pipeline);
  const respond = (incoming: Incoming) => responder.respond(incoming);

  const sandbox: SandboxCore = {
    async fetch(input, init) {
      const request = input instanceof Request && init === undefined ? input : new Request(input, init);
      // In process the body is already in memory: read it whole, then the pipeline checks its size.
      const body = request.body === null ? EMPTY : new Uint8Array(await request.arrayBuffer());
      const answer = await respond({
        method: request.method,
        target: targetOf(request.url),
        headers: request.headers,
        body,
      });
      return toResponse(answer, request.method);
    },
    async reset() {
      store.change({ t: "reset", v: starting });
      scenarios.clear();
      pipeline.limiter = limiter();
      await persist();
    },
    seed: (fixtures) => seedFixtures({ store, contracts, respond, persist }, fixtures),
    scenario(api, operationId, behaviour) {
      scenarios.set(api, operationId, behaviour);
    },
    clock: { now: clock.now, advance: clock.advance },
    keys: STARTING_KEYS,
  };
  return { sandbox, responder, store };
}

/** A sandbox in this process, in memory: both APIs behind `fetch`, with the test controls. */
export function createSandbox(options: SandboxCoreOptions = {}): SandboxCore {
  const prepared = prepare(options);
  return assemble(prepared, prepared.load(), options).sandbox;
}
