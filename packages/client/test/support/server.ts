import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export type Handler = (req: Received, res: ServerResponse, index: number) => void;

export interface TestServer {
  /** http://127.0.0.1:<port>, no trailing slash. */
  url: string;
  received: Received[];
  /** Resolves once the server has received `count` requests in all (their bodies read). */
  arrived(count: number): Promise<void>;
  close(): Promise<void>;
}

/** A real HTTP server on loopback and a free port; `handler` answers the n-th request. */
export async function startServer(handler: Handler): Promise<TestServer> {
  const received: Received[] = [];
  const waiting: Array<{ count: number; resolve: () => void }> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const entry = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      received.push(entry);
      for (const waiter of waiting.filter((w) => w.count <= received.length)) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve();
      }
      handler(entry, res, received.length - 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    arrived: (count) =>
      count <= received.length
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiting.push({ count, resolve })),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** Answer each request with the next response in `script`; the last one repeats. */
export function scripted(
  ...script: Array<[status: number, body: unknown, headers?: Record<string, string>]>
): Handler {
  return (_req, res, index) => {
    const step = script[Math.min(index, script.length - 1)];
    if (!step) throw new Error("empty script");
    json(res, step[0], step[1], step[2]);
  };
}

/** A port on loopback where nothing listens (connections are refused). */
export async function closedPort(): Promise<string> {
  const server = await startServer(() => {});
  await server.close();
  return server.url;
}
