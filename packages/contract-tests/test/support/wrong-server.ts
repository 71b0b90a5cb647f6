// A deliberately wrong server on 127.0.0.1: one answer lacks a required field, one has a field of
// the wrong type, one is right (so the proxy is shown to pass what is in the contract).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

const answers: Record<string, unknown> = {
  "/members": { members: [{ id: "user_1", name: null, role: "admin", joined_at: "2024-01-15T09:30:00Z" }] },
  "/consumption/cycles": {
    cycles: [{ start_date: "2024-02-01", end_date: "2024-02-29", acus_used: "412.5" }],
  },
  "/sessions/insights": {
    sessions: [{ id: "session_1", insight: "Fine.", created_at: "2024-02-07T16:20:00Z" }],
  },
};

export async function startWrongServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const body = answers[new URL(request.url ?? "/", "http://x").pathname];
    response.writeHead(body ? 200 : 404, { "content-type": "application/json" });
    response.end(JSON.stringify(body ?? { code: "not_found", message: "no such path" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
