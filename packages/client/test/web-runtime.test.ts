// The published build needs nothing but the web platform (fetch and its friends), so it runs in
// browsers, workers, Deno and Bun as in Node. Proof: bundle dist/ for a neutral platform, then run
// it in a fresh JavaScript realm that holds only web globals — no process, Buffer, require or node:.
import { runInNewContext } from "node:vm";
import { build } from "esbuild";
import { expect, it } from "vitest";

const entry = new URL("../dist/index.js", import.meta.url).pathname;

const WEB_GLOBALS = {
  fetch,
  Request,
  Response,
  Headers,
  URL,
  URLSearchParams,
  AbortController,
  AbortSignal,
  TextDecoder,
  TextEncoder,
  ReadableStream,
  TransformStream,
  DOMException,
  Blob,
  FormData,
  setTimeout,
  clearTimeout,
  queueMicrotask,
  structuredClone,
  console,
};

async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: "neutral",
    mainFields: ["module", "main"],
    format: "iife",
    globalName: "orgadmin",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]?.text ?? "";
}

it("bundles for a platform without Node built-ins", async () => {
  const code = await bundle();
  expect(code.length).toBeGreaterThan(1000);
  // (openapi-fetch reads `process` behind a `typeof` guard; the realm test below has none.)
  expect(code).not.toMatch(/\brequire\(|from\s*["']node:|\bBuffer\b/);
});

it("calls an API from a realm that holds only web globals", async () => {
  const code = await bundle();
  const seen: Array<{ url: string; auth: string | null }> = [];
  const context = {
    ...WEB_GLOBALS,
    // The injected fetch stands in for the platform's; it answers like the contract's example.
    fetch: async (input: Request) => {
      seen.push({ url: input.url, auth: input.headers.get("authorization") });
      return new Response(JSON.stringify({ members: [{ email: "alice@example.com", role: "admin" }] }), {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    },
  };
  const run = `${code}
    (async () => {
      const client = orgadmin.createEnterpriseClient({ apiKey: "web-key", fetch: (r, i) => fetch(r, i) });
      const members = (await client.GET("/members")).members;
      return { members, hasProcess: typeof process !== "undefined", hasRequire: typeof require !== "undefined" };
    })()`;
  const result = await runInNewContext(run, context);
  expect(result).toEqual({
    members: [{ email: "alice@example.com", role: "admin" }],
    hasProcess: false,
    hasRequire: false,
  });
  expect(seen).toEqual([{ url: "https://api.devin.ai/v2/enterprise/members", auth: "Bearer web-key" }]);
});
