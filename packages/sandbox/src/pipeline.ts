// One request through the stages: route → read body → authenticate → validate → authorize →
// handle → render. Everything after the body is read runs in one synchronous step, so a request is
// authorized on the state it then acts on: nothing can change between the check and the act.
// Only then does a change wait to be durable, and only a durable change is acknowledged.
import type { IncomingMessage, ServerResponse } from "node:http";
import { authenticate, takeToken } from "./authenticate.js";
import { authorize } from "./authorize.js";
import type { Cors } from "./cors.js";
import type { WireShape } from "./error-shapes.js";
import { BodyTooLarge, ClientGone, type Reply, readBody, send } from "./http-io.js";
import type { RateLimiter } from "./rate-limit.js";
import { Refusal } from "./refusal.js";
import { type Mounted, route, type Target } from "./route.js";
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
  /** Resolves once every change made so far is durable (a no-op in memory). */
  persist: () => Promise<void>;
  cors: Cors;
  log: (line: string) => void;
  /** Whether the HTTP layer already answered on this request's connection (a timeout). */
  answeredByEdge: (req: IncomingMessage) => boolean;
}

/** Per request: whether the connection must close after the answer (a body left unread). */
interface Exchange {
  closeAfter: boolean;
}

/** Stage 2: the whole body, before anything is decided about the request. */
async function readRequestBody(p: Pipeline, req: IncomingMessage, exchange: Exchange): Promise<Buffer> {
  try {
    return await readBody(req, p.bodyLimit);
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      exchange.closeAfter = !error.drained;
      throw new Refusal("unreadable", `The request body is larger than ${p.bodyLimit} bytes.`);
    }
    throw error;
  }
}

/** Stages 3–6 in one synchronous step: the state cannot change between a check and the act. */
function act(
  p: Pipeline,
  target: Target,
  req: IncomingMessage,
  body: Buffer,
): { data: unknown; mutates: boolean } {
  if (target.kind === "sandbox") {
    // A change takes a key, as on the APIs: a page on any site can post here without a preflight.
    if (target.endpoint.mutates) authenticate(p.store, p.aliases, req.headers);
    return { data: target.endpoint.run(p.store), mutates: target.endpoint.mutates };
  }
  const { mounted, op } = target;
  const actor = authenticate(p.store, p.aliases, req.headers);
  if (mounted.api.name === "enterprise") takeToken(p.limiter, actor);
  const input = validateRequest(op, target.params, target.rawQuery, body, req.headers);
  const ctx = authorize(p.store, mounted.api.name, op, actor, input);
  const handler = mounted.handlers[op.operationId];
  if (!handler) throw new Error(`no handler for ${mounted.api.name} ${op.operationId}`);
  return { data: handler(ctx), mutates: op.method !== "GET" && op.method !== "HEAD" };
}

/** Stage 7: the success in the API's shape. */
function render(shape: WireShape, target: Target, data: unknown): Reply {
  if (target.kind === "sandbox") return { status: 200, body: data };
  return shape.success(target.op.successStatus, data);
}

async function answer(
  p: Pipeline,
  req: IncomingMessage,
  exchange: Exchange,
  shape: WireShape,
  target: Target | Refusal,
): Promise<Reply> {
  if (p.cors.isPreflight(req.method, req.headers)) {
    if (!p.cors.allows(req.headers)) {
      throw new Refusal(
        "forbidden",
        "This origin may not call the sandbox: start it with --cors-origin set to the page's origin.",
      );
    }
    return { status: 204, headers: p.cors.preflightHeaders(req.headers) };
  }
  const body = await readRequestBody(p, req, exchange);
  if (target instanceof Refusal) throw target;
  const { data, mutates } = act(p, target, req, body);
  if (mutates) {
    try {
      await p.persist();
    } catch (error) {
      p.log(`the change could not be saved: ${(error as Error).message}`);
      throw new Refusal("internal", "The change could not be saved to the data file, so it was not made.");
    }
  }
  return render(shape, target, data);
}

/** The request listener: answers every request through the stages. */
export function createResponder(p: Pipeline): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  let requests = 0;
  return async (req, res) => {
    requests += 1;
    const requestId = `req_${requests.toString(36)}`;
    const { shape, target } = route(p.apis, p.outside, req.method ?? "GET", req.url);
    const exchange: Exchange = { closeAfter: false };
    let reply: Reply;
    try {
      reply = await answer(p, req, exchange, shape, target);
    } catch (thrown) {
      if (thrown instanceof ClientGone) {
        // Nobody is left to answer, and nothing went wrong here: one line, not a stack.
        if (!p.answeredByEdge(req)) {
          const path = req.url?.split("?")[0];
          p.log(
            `${requestId} ${req.method} ${path}: the client closed the connection before the request body ended`,
          );
        }
        return;
      }
      if (!(thrown instanceof Refusal)) console.error(thrown);
      reply = shape.error(thrown instanceof Refusal ? thrown : new Refusal("internal", "Internal error."));
    }
    if (res.headersSent || res.destroyed) return;
    const headers: Record<string, string> = { "X-Request-Id": requestId, ...p.cors.headers(req.headers) };
    // A body left unread (past the drain limit) cannot be skipped: answer, then close.
    if (exchange.closeAfter) headers.Connection = "close";
    send(res, reply, headers);
  };
}
