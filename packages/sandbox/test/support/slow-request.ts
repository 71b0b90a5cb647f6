// A request whose body arrives in two parts, with the test acting in between. The server's
// `100 Continue` is the proof that it has read the headers (Node sends it as it parses them), so
// the test never guesses when the server got that far.
import { once } from "node:events";
import { connect, type Socket } from "node:net";
import type { RawResponse } from "./sandbox.js";

export interface SlowRequest {
  /** Resolves once the server has read the headers and the first byte of the body is sent. */
  started: Promise<void>;
  /** Sends the rest of the body and resolves with the answer. */
  finish(): Promise<RawResponse>;
}

function parse(text: string): RawResponse {
  // Skip any interim `100 Continue` answer.
  const final = text.replace(/^HTTP\/1\.1 100 Continue\r\n\r\n/, "");
  const [head = "", body = ""] = final.split("\r\n\r\n", 2);
  const [statusLine = "", ...lines] = head.split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const at = line.indexOf(":");
    headers[line.slice(0, at).toLowerCase()] = line.slice(at + 1).trim();
  }
  return {
    status: Number(statusLine.split(" ")[1]),
    headers,
    body: body ? JSON.parse(body) : undefined,
  };
}

export function slowRequest(
  base: string,
  method: string,
  path: string,
  key: string,
  body: unknown,
): SlowRequest {
  const bytes = Buffer.from(JSON.stringify(body));
  const { hostname, port } = new URL(base);
  const socket: Socket = connect(Number(port), hostname);
  let received = "";
  let continued: () => void = () => {};
  const sawContinue = new Promise<void>((resolve) => {
    continued = resolve;
  });
  socket.on("data", (chunk: Buffer) => {
    received += chunk.toString("utf8");
    if (received.startsWith("HTTP/1.1 100 Continue\r\n\r\n")) continued();
  });
  const closed = once(socket, "close");
  socket.write(
    `${method} ${path} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${key}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${bytes.length}\r\n` +
      "Expect: 100-continue\r\nConnection: close\r\n\r\n",
  );
  const started = sawContinue.then(
    () => new Promise<void>((resolve) => socket.write(bytes.subarray(0, 1), () => resolve())),
  );
  return {
    started,
    async finish() {
      socket.write(bytes.subarray(1));
      await closed;
      return parse(received);
    },
  };
}
