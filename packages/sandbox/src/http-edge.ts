// Answers the HTTP layer gives before a request reaches the pipeline (a request Node cannot
// parse, headers too large, a request that does not arrive in time, CONNECT), written straight to
// the socket in the contract's error shape, since Node has no response object for them.
import {
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from "node:http";
import type { Duplex } from "node:stream";
import type { Cors } from "./cors.js";
import type { WireShape } from "./error-shapes.js";
import type { Reply } from "./http-io.js";
import { Refusal } from "./refusal.js";

export interface Edge {
  /** The error shape for a path (the outside one when the path is unknown). */
  shapeFor(path: string | undefined): WireShape;
  cors: Cors;
}

/** How long a connection answered here may stay open for its client to read the answer and close. */
const LINGER_MS = 5_000;

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

function answer(socket: Duplex, reply: Reply, extra: Record<string, string>): void {
  answered.add(socket);
  // End (not destroy) so the answer is read even while the client is still sending; the client
  // closes once it has it, and a client that never does is cut off after a while.
  socket.end(rawAnswer(reply, extra));
  socket.resume();
  (socket as Duplex & { setTimeout?: (ms: number, cb: () => void) => void }).setTimeout?.(LINGER_MS, () =>
    socket.destroy(),
  );
}

export function attachEdge(server: Server, edge: Edge): void {
  server.on("clientError", (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) => {
    // A parse error repeats for every later chunk of the same connection: answer once.
    if (answered.has(socket)) return;
    const refusal = refusalFor(error.code);
    const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage;
    if (!refusal || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const { path, headers } = requestHead(error, inFlight);
    answer(socket, edge.shapeFor(path).error(refusal), edge.cors.headers(headers));
  });
  // Node drops a CONNECT nobody listens for without a word; the sandbox is no proxy, and says so.
  server.on("connect", (req: IncomingMessage, socket: Duplex) => {
    const refusal = new Refusal("unreadable", "CONNECT is not supported: the sandbox is not a proxy.");
    answer(socket, edge.shapeFor(undefined).error(refusal), edge.cors.headers(req.headers));
  });
}
