// A static server on 127.0.0.1 and a free port, for the pages under test.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface Asset {
  type: string;
  body: string | Buffer;
}

export interface Served {
  url: string;
  close(): Promise<void>;
}

/** Serves `assets` by path ("/", "/app.js"); anything else is a 404. */
export async function serve(assets: Record<string, Asset>): Promise<Served> {
  const server = createServer((request, response) => {
    const asset = assets[new URL(request.url ?? "/", "http://127.0.0.1").pathname];
    if (!asset) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    response.writeHead(200, { "content-type": asset.type, "cache-control": "no-store" }).end(asset.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
