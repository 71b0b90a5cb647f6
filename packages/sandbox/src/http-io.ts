// Reading request bodies with a size limit, and writing JSON responses.
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

/**
 * The raw body, or BodyTooLarge when more than `limit` bytes arrive (declared or actual). An
 * oversized body is still read to its end, up to DRAIN_LIMIT, and dropped.
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? 0);
  const drainLimit = Math.max(limit, DRAIN_LIMIT);
  if (declared > drainLimit) throw new BodyTooLarge(false);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > drainLimit) throw new BodyTooLarge(false);
    if (size <= limit) chunks.push(chunk);
  }
  if (size > limit) throw new BodyTooLarge(true);
  return Buffer.concat(chunks);
}

export function isJsonContentType(header: string | undefined): boolean {
  const type = header?.split(";")[0]?.trim().toLowerCase();
  return type === "application/json";
}

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export function send(res: ServerResponse, reply: Reply, requestId: string, close = false): void {
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
    "X-Request-Id": requestId,
    ...(close ? { Connection: "close" } : {}),
    ...reply.headers,
  });
  res.end(text);
}
