// One request through the stages: route → read body → authenticate → validate → authorize →
// handle → render. No transport here: a request comes in as its method, target, headers and body,
// and leaves as an Answer that `fetch` turns into a Response and the Node server writes to a socket.
// Everything after the body is read runs in one synchronous step, so a request is authorized on
// the state it then acts on: nothing can change between the check and the act. Only then does
// the answer wait: a change is acknowledged, and a read shows what it saw, only once every change
// made so far is durable; if those changes fail, so does the answer.
import { authenticate, takeToken } from "./authenticate.js";
import { authorize } from "./authorize.js";
import type { WireShape } from "./error-shapes.js";
import type { RateLimiter } from "./rate-limit.js";
import { Refusal } from "./refusal.js";
import type { Reply } from "./reply.js";
import { type Mounted, mountFor, route, splitTarget, type Target } from "./route.js";
import type { Scenarios } from "./scenarios.js";
import type { Store } from "./store.js";
import { validateRequest } from "./validate-request.js";

export interface Pipeline {
  apis: readonly Mounted[];
  /** The shape of answers to paths under no API. */
  outside: WireShape;
  store: Store;
  aliases: ReadonlyMap<string, string>;
  limiter: RateLimiter | undefined;
  bodyLimit: number;
  /** Resolves once every change made so far is durable, rejects if they were undone (in memory: at once). */
  persist: () => Promise<void>;
  scenarios: Scenarios;
  log: (line: string) => void;
}

/** A request as every transport can give it. */
export interface Incoming {
  method: string;
  /** The request target as sent: path and query (`/v1/organizations?page=2`). */
  target: string;
  headers: { get(name: string): string | null };
  /** The whole body (empty when there is none); the transport enforces `bodyLimit` while reading. */
  body: Uint8Array;
}

/** An answer ready to write: `text` is the JSON body (none for a 204). */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  text?: string;
}

/** A scenario's network failure: the transport drops the request without an answer. */
export class NetworkFailure extends TypeError {
  constructor() {
    super("network failure (a sandbox scenario)");
    this.name = "NetworkFailure";
  }
}

/** Stages 3–6 in one synchronous step: the state cannot change between a check and the act. */
function act(p: Pipeline, target: Target, incoming: Incoming): { data: unknown; mutates: boolean } {
  if (target.kind === "sandbox") {
    // A change takes a key, as on the APIs: a page on any site can post here without a preflight.
    if (target.endpoint.mutates) authenticate(p.store, p.aliases, incoming.headers.get("authorization"));
    return { data: target.endpoint.run(p.store), mutates: target.endpoint.mutates };
  }
  const { mounted, op } = target;
  const actor = authenticate(p.store, p.aliases, incoming.headers.get("authorization"));
  // Rate limited where the contract documents a 429 for the operation.
  if (op.rateLimited) takeToken(p.limiter, actor);
  const input = validateRequest(
    op,
    target.params,
    target.rawQuery,
    incoming.body,
    incoming.headers.get("content-type"),
  );
  const ctx = authorize(p.store, op, actor, input);
  const handler = mounted.handlers[op.operationId];
  if (!handler) throw new Error(`no handler for ${mounted.api.name} ${op.operationId}`);
  return { data: handler(ctx), mutates: op.method !== "GET" && op.method !== "HEAD" };
}

/** Stage 7: the success in the API's shape. */
function render(shape: WireShape, target: Target, data: unknown): Reply {
  if (target.kind === "sandbox") return { status: 200, body: data };
  return shape.success(target.op.successStatus, data);
}

async function reply(p: Pipeline, incoming: Incoming, shape: WireShape, target: Target | Refusal) {
  if (target instanceof Refusal) throw target;
  if (target.kind === "operation") {
    // A scenario set for this operation answers instead of (or delays) the stages.
    const staged = await p.scenarios.take(target.mounted, target.op);
    if (staged) return staged;
  }
  const { data, mutates } = act(p, target, incoming);
  // Reads wait too: a read may have seen changes of this turn that are not yet on disk.
  try {
    await p.persist();
  } catch (error) {
    p.log(`the change could not be saved: ${(error as Error).message}`);
    throw new Refusal(
      "internal",
      mutates
        ? "The change could not be saved to the data file, so it was not made."
        : "Changes this answer would show could not be saved to the data file, so they were not made.",
    );
  }
  return render(shape, target, data);
}

/** A reply as written on the wire: JSON text, its content type, the request id. */
function toAnswer(r: Reply, requestId: string): Answer {
  const headers: Record<string, string> = { "X-Request-Id": requestId };
  if (r.body === undefined) return { status: r.status, headers: { ...headers, ...r.headers } };
  return {
    status: r.status,
    headers: { "Content-Type": "application/json; charset=utf-8", ...headers, ...r.headers },
    text: JSON.stringify(r.body),
  };
}

export interface Responder {
  /** Answers one request through the stages (throws NetworkFailure for a scenario that says so). */
  respond(incoming: Incoming): Promise<Answer>;
  /** The answer to a request refused before it reached the stages (a body too large to read). */
  refuse(target: string | undefined, refusal: Refusal): Answer;
  /** The error shape of answers to a request target (the outside one when it names no API). */
  shapeFor(target: string | undefined): WireShape;
}

export function createResponder(p: Pipeline): Responder {
  let requests = 0;
  const nextId = () => {
    requests += 1;
    return `req_${requests.toString(36)}`;
  };
  const shapeFor = (target: string | undefined) =>
    target === undefined ? p.outside : (mountFor(p.apis, splitTarget(target).pathname)?.shape ?? p.outside);
  return {
    shapeFor,
    refuse: (target, refusal) => toAnswer(shapeFor(target).error(refusal), nextId()),
    async respond(incoming) {
      const requestId = nextId();
      const { shape, target } = route(p.apis, p.outside, incoming.method, incoming.target);
      let r: Reply;
      try {
        if (incoming.body.length > p.bodyLimit) {
          throw new Refusal("unreadable", `The request body is larger than ${p.bodyLimit} bytes.`);
        }
        r = await reply(p, incoming, shape, target);
      } catch (thrown) {
        if (thrown instanceof NetworkFailure) throw thrown;
        if (!(thrown instanceof Refusal)) console.error(thrown);
        r = shape.error(thrown instanceof Refusal ? thrown : new Refusal("internal", "Internal error."));
      }
      return toAnswer(r, requestId);
    },
  };
}
