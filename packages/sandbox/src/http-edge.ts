// Answers the HTTP layer gives before a request reaches the pipeline (a request Node cannot
// parse, headers too large, a request that does not arrive in time, CONNECT), written straight to
// the socket in the contract's error shape, since Node has no response object for them.
import {
  type IncomingHttpHeaders,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from "node:http";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import type { Cors } from "./cors.js";
import type { WireShape } from "./error-shapes.js";
import { type Reply, send } from "./http-io.js";
import type { Answer } from "./pipeline.js";
import { Refusal } from "./refusal.js";

export interface Edge {
  /** The error shape for a path (the outside one when the path is unknown). */
  shapeFor(path: string | undefined): WireShape;
  cors: Cors;
}

const answered = new WeakSet<Duplex>();

/** Whether the HTTP layer answered on this request's connection (the pipeline then stays quiet). */
export const answeredByEdge = (req: IncomingMessage): boolean => answered.has(req.socket);

function refusalFor(code: string | undefined): Refusal | undefined {
  switch (code) {
    case "ECONNRESET":
    case "EPIPE":
    case "HPE_INVALID_EOF_STATE": // the connection ended mid-request
      return undefined; // the client is gone: no one to answer
    case "HPE_HEADER_OVERFLOW":
      return new Refusal(
        "headers_too_large",
        "The request line and headers are larger than the sandbox accepts.",
      );
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return new Refusal("timeout", "The request did not arrive in time.");
    default:
      return new Refusal("unreadable", "The request is not valid HTTP (its method, target or headers).");
  }
}

/**
 * The path and headers of the request being refused, as far as they can be read: from the request
 * in flight, else from the bytes the parser failed on. Headers too large arrive in one read on
 * loopback; when the request line came in an earlier read, the path is unknown here (Node keeps it
 * from JavaScript until the headers end) and the answer takes the shape for paths under no API.
 */
function requestHead(error: { rawPacket?: Buffer }, inFlight: ServerResponse | undefined) {
  if (inFlight?.req) return { path: inFlight.req.url, headers: inFlight.req.headers };
  const text = error.rawPacket?.toString("latin1") ?? "";
  const path = /^[A-Za-z]+ (\/[^ ?\r\n\0]*)/.exec(text)?.[1];
  const origin = /\r\norigin:[ \t]*([^\r\n]*)/i.exec(text)?.[1];
  const headers: IncomingHttpHeaders = origin ? { origin } : {};
  return { path, headers };
}

function rawAnswer(reply: Reply, extra: Record<string, string>): string {
  const text = JSON.stringify(reply.body);
  const headers = {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(text)),
    Connection: "close",
    ...extra,
    ...reply.headers,
  };
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return `HTTP/1.1 ${reply.status} ${STATUS_CODES[reply.status] ?? ""}\r\n${lines.join("\r\n")}\r\n\r\n${text}`;
}

/**
 * Writes the answer and closes. End (not destroy) so the answer is read even while the client is
 * still sending; the client closes once it has it. One that never does is cut off `lingerMs`
 * later whatever it does: a fixed deadline, not an idle timer that every byte it sends would reset.
 */
function answer(socket: Duplex, reply: Reply, extra: Record<string, string>, lingerMs: number): void {
  answered.add(socket);
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(rawAnswer(reply, extra));
  socket.resume();
  const deadline = setTimeout(() => socket.destroy(), lingerMs);
  deadline.unref();
  socket.once("close", () => clearTimeout(deadline));
}

/**
 * `lingerMs`: how long a connection answered here may stay open for its client to read the answer.
 */
export function attachEdge(server: Server, edge: Edge, lingerMs: number): void {
  // The requests of each connection whose answers are not written yet (Node answers them in order).
  const unanswered = new WeakMap<Duplex, Set<IncomingMessage>>();
  const whenAnswered = new WeakMap<Duplex, () => void>();
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    const requests = unanswered.get(socket) ?? new Set<IncomingMessage>();
    unanswered.set(socket, requests);
    requests.add(req);
    res.once("close", () => {
      requests.delete(req);
      if (requests.size > 0) return;
      const next = whenAnswered.get(socket);
      whenAnswered.delete(socket);
      next?.();
    });
  });
  server.on("clientError", (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) => {
    // A parse error repeats for every later chunk of the same connection: answer once.
    if (answered.has(socket)) return;
    const refusal = refusalFor(error.code);
    const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage;
    const pending = [...(unanswered.get(socket) ?? [])];
    // Requests read completely before the bad bytes are being carried out: each gets its own
    // answer first, in order, and the error comes last. A request still arriving is the bad one.
    const allRead = pending.length > 0 && pending.every((req) => req.complete);
    if (!refusal || !socket.writable || (inFlight?.headersSent && !allRead)) {
      socket.destroy();
      return;
    }
    const { path, headers } = requestHead(error, allRead ? undefined : inFlight);
    const reply = () =>
      answer(socket, edge.shapeFor(path).error(refusal), edge.cors.headers(headers), lingerMs);
    if (!allRead) return reply();
    answered.add(socket);
    whenAnswered.set(socket, reply);
  });
  // Node drops a CONNECT nobody listens for without a word; the sandbox is no proxy, and says so.
  server.on("connect", (req: IncomingMessage, socket: Duplex) => {
    const refusal = new Refusal("unreadable", "CONNECT is not supported: the sandbox is not a proxy.");
    answer(socket, edge.shapeFor(undefined).error(refusal), edge.cors.headers(req.headers), lingerMs);
  });
}

/**
 * Closes a connection whose answers have waited `stallMs` for its client to read them. A client
 * that sends requests and never reads fills the connection: the sandbox stops reading it, so no
 * request is left arriving for the request timeout to end, and without this it stays open for
 * good. Checked every `everyMs`: answer bytes waiting, and not one of them taken since the last
 * check, is a stall; a client that reads, however slowly, moves them.
 */
export function closeStalled(server: Server, stallMs: number, everyMs: number): void {
  const watched = new Map<Socket, { waiting: number; since: number }>();
  server.on("connection", (socket: Socket) => {
    watched.set(socket, { waiting: 0, since: 0 });
    socket.once("close", () => watched.delete(socket));
  });
  const check = setInterval(() => {
    const now = Date.now();
    for (const [socket, last] of watched) {
      const waiting = socket.writableLength;
      if (waiting === 0 || waiting !== last.waiting) watched.set(socket, { waiting, since: now });
      else if (now - last.since >= stallMs) socket.destroy();
    }
  }, everyMs);
  check.unref();
  server.once("close", () => clearInterval(check));
}

/** The loopback names a sandbox answers to by default, whatever the port. */
const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

/**
 * The host name of a `Host` header (`[::1]:4020` → `[::1]`), lower case; undefined unless the header
 * is a name or IPv4 address, or a bracketed IPv6 one, with an optional port. Read without URL
 * parsing, which costs more per request than the rest of the check.
 */
function hostName(header: string): string | undefined {
  return /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::\d{1,5})?$/.exec(header)?.[1]?.toLowerCase();
}

/**
 * Which `Host` headers are answered: the loopback names, plus `extra` (names as in a Host header,
 * without the port; `*` for any). A page on another site that rebinds its own DNS name to
 * 127.0.0.1 reaches the sandbox under that name, so names not listed are refused, as dev servers do.
 */
export function createHostCheck(extra: readonly string[] = []): (header: string | undefined) => boolean {
  if (extra.includes("*")) return () => true;
  const allowed = new Set([...LOOPBACK_HOSTS, ...extra.map((h) => hostName(h) ?? h.toLowerCase())]);
  // No Host at all is HTTP/1.0 (Node refuses a 1.1 request without one): no browser sends that.
  return (header) => header === undefined || allowed.has(hostName(header) ?? "");
}

/**
 * Hands a request to `listener` only when its `Host` is allowed; `refuse` writes the 403 otherwise
 * (in the error shape of the path), with `cors`'s headers.
 */
export function guardHost(
  listener: RequestListener,
  refuse: (url: string | undefined, refusal: Refusal) => Answer,
  cors: Cors,
  allows: (header: string | undefined) => boolean,
): RequestListener {
  return (req, res) => {
    if (allows(req.headers.host)) return listener(req, res);
    const refusal = new Refusal(
      "forbidden",
      "This host name may not reach the sandbox: start it with --allowed-host set to the name.",
    );
    // The body is left unread, so the connection closes after the answer.
    send(res, refuse(req.url, refusal), { ...cors.headers(req.headers), Connection: "close" });
  };
}
