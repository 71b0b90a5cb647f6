// Reading request bodies with a size limit, and writing JSON answers.
import type { IncomingMessage, ServerResponse } from "node:http";

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

export function isJsonContentType(header: string | undefined): boolean {
  const type = header?.split(";")[0]?.trim().toLowerCase();
  return type === "application/json";
}

export interface Reply {
  status: number;
  /** Written as JSON; none for a 204. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** Writes the answer (HEAD gets the headers only: Node leaves the body out). */
export function send(res: ServerResponse, reply: Reply, headers: Record<string, string>): void {
  if (reply.body === undefined) {
    res.writeHead(reply.status, { ...headers, ...reply.headers });
    res.end();
    return;
  }
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
    ...headers,
    ...reply.headers,
  });
  res.end(text);
}
