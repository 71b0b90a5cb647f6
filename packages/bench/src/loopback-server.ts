// A plain node:http server for the client benchmarks. It runs in its own process (forked by
// loopback.ts) so serving requests never competes with the client for the same event loop.
import { createServer } from "node:http";
import { memberPageBody, membersBody, ORGANIZATION_ID, organizationBody } from "./fixtures.js";

const HOST = "127.0.0.1";
const memberTotal = Number(process.env.BENCH_MEMBER_TOTAL ?? "100000");

const members = Buffer.from(membersBody());
const organization = Buffer.from(organizationBody());
const pagePath = `/v1/organizations/${ORGANIZATION_ID}/members`;
// Page bodies are built once and reused: the server's own cost should stay flat across the walk.
const pageCache = new Map<string, Buffer>();

function pageOf(url: URL): Buffer {
  const page = Number(url.searchParams.get("page") ?? "1");
  const pageSize = Number(url.searchParams.get("page_size") ?? "10");
  const key = `${page}/${pageSize}`;
  let body = pageCache.get(key);
  if (!body) {
    body = Buffer.from(memberPageBody(page, pageSize, memberTotal));
    if (pageCache.size < 2000) pageCache.set(key, body);
  }
  return body;
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", `http://${HOST}`);
  let body: Buffer | undefined;
  if (req.method === "GET" && url.pathname === "/members") body = members;
  else if (req.method === "GET" && url.pathname === `/v1/organizations/${ORGANIZATION_ID}`)
    body = organization;
  else if (req.method === "GET" && url.pathname === pagePath) body = pageOf(url);
  if (!body) {
    res
      .writeHead(404, { "content-type": "application/json" })
      .end('{"code":"not_found","message":"no route"}');
    return;
  }
  res.writeHead(200, { "content-type": "application/json", "content-length": body.length }).end(body);
});

server.keepAliveTimeout = 60_000;
server.listen(0, HOST, () => {
  const address = server.address();
  process.send?.({ port: typeof address === "object" && address ? address.port : 0 });
});
// The parent's exit closes the IPC channel; stop with it.
process.on("disconnect", () => server.close(() => process.exit(0)));
