// The suite's fetch sends a request once more only when the server closed a kept-alive connection
// as the request reused it; any other failure is the call's own.
import { once } from "node:events";
import { createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { platformFetch } from "./support/harness.js";

let server: Server | undefined;
afterEach(async () => {
  server?.close();
  if (server?.listening) await once(server, "close");
  server = undefined;
});

/** Lets undici put a finished connection back in its pool before the next request. */
const pooled = () => new Promise((resolve) => setImmediate(() => setImmediate(resolve)));

/**
 * A raw HTTP server: the first request on each connection gets `200 ok` (kept alive); a second one
 * on the same connection is what `onReuse` decides. Counts requests that reached it.
 */
async function serve(onReuse: (socket: Socket) => void) {
  const seen = { requests: 0, connections: 0 };
  server = createServer((socket) => {
    seen.connections++;
    let answered = false;
    socket.on("data", (chunk: Buffer) => {
      // A request's head and body may come in two chunks: count request lines.
      if (!/^[A-Z]+ \/ HTTP\/1\.1\r\n/.test(chunk.toString("latin1"))) return;
      seen.requests++;
      if (answered) return onReuse(socket);
      answered = true;
      socket.write("HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: keep-alive\r\n\r\nok");
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/`, seen };
}

describe("platformFetch", () => {
  it("sends a POST once more on a new connection when the server closes the reused one", async () => {
    const { url, seen } = await serve((socket) => socket.destroy());
    const first = await platformFetch(new Request(url, { method: "POST", body: "a" }));
    expect(await first.text()).toBe("ok");
    await pooled();
    const second = await platformFetch(new Request(url, { method: "POST", body: "b" }));
    expect(await second.text()).toBe("ok");
    expect(seen).toEqual({ requests: 3, connections: 2 });
  });

  it("passes any other failure on, without sending again", async () => {
    const { url, seen } = await serve((socket) =>
      socket.end("HTTP/1.1 200 OK\r\ncontent-length: 9\r\n\r\ncut"),
    );
    await (await platformFetch(new Request(url))).text();
    await pooled();
    // The answer's head arrived, then the body was cut: the same "other side closed" underneath,
    // but after an answer, so it is the call's failure.
    const error = await platformFetch(new Request(url))
      .then((response) => response.text())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(seen.requests).toBe(2);
  });
});
