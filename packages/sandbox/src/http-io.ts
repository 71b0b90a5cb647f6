// The Node server's side of a request: reading its body with a size limit, writing the answer.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Answer } from "./pipeline.js";

// The HTTP layer (http-edge.ts) renders its refusals as replies too.
export type { Reply } from "./reply.js";

/**
 * How much of an oversized body is read and thrown away so its sender can read the 400: a server
 * that answers and closes while the client is still sending makes the client see a reset instead.
 * Past this, the connection is closed without waiting.
 */
export const DRAIN_LIMIT = 16 * 1024 * 1024;

export class BodyTooLarge extends Error {
  /** Whether the whole body was read (and dropped), so the connection can answer and stay usable. */
  constructor(readonly drained: boolean) {
    super("body too large");
  }
}

/** The client closed the connection before its request body ended: there is no one to answer. */
export class ClientGone extends Error {}

const EMPTY = Buffer.alloc(0);

/**
 * The raw body, or BodyTooLarge when more than `limit` bytes arrive (declared or actual). An
 * oversized body is still read to its end, up to DRAIN_LIMIT, and dropped.
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const length = req.headers["content-length"];
  // HTTP/1.1: without a length or a transfer coding there is no body (most GETs).
  if (length === undefined && req.headers["transfer-encoding"] === undefined) return EMPTY;
  const declared = Number(length ?? 0);
  const drainLimit = Math.max(limit, DRAIN_LIMIT);
  if (declared > drainLimit) throw new BodyTooLarge(false);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > drainLimit) throw new BodyTooLarge(false);
      if (size <= limit) chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof BodyTooLarge) throw error;
    // Node ends the body with `aborted` (ECONNRESET) when the connection closes mid-body.
    if (req.destroyed || (error as NodeJS.ErrnoException).code === "ECONNRESET") throw new ClientGone();
    throw error;
  }
  if (size > limit) throw new BodyTooLarge(true);
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
}

/** Writes an answer (HEAD gets the headers only: Node leaves the body out). */
export function send(res: ServerResponse, answer: Answer, headers: Record<string, string>): void {
  if (answer.text === undefined) {
    res.writeHead(answer.status, { ...answer.headers, ...headers });
    res.end();
    return;
  }
  res.writeHead(answer.status, {
    ...answer.headers,
    "Content-Length": Buffer.byteLength(answer.text),
    ...headers,
  });
  res.end(answer.text);
}
