// A sandbox per test file on 127.0.0.1 and a free port, plus raw HTTP helpers.
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll } from "vitest";
import type { SandboxOptions } from "../../src/server.js";
import { STARTING_KEYS } from "../../src/starting-data.js";
import { startTestSandbox, type TestSandbox } from "../../src/testing.js";

/** The starting users' keys, as the package exports them (checked against the starting data by a test). */
export const KEYS = STARTING_KEYS;

/** Starts a sandbox before the file's tests and stops it after; `get()` returns it with its state. */
export function useSandbox(options: SandboxOptions = {}): () => TestSandbox {
  let sandbox: TestSandbox | undefined;
  beforeAll(async () => {
    sandbox = await startTestSandbox(options);
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  return () => {
    if (!sandbox) throw new Error("sandbox not started");
    return sandbox;
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/**
 * One request exactly as given: the path is sent verbatim (no `..` normalisation, unlike fetch),
 * the body as bytes with whatever content type the test chooses.
 */
export function raw(
  base: string,
  method: string,
  path: string,
  options: {
    key?: string;
    body?: string | Buffer;
    contentType?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<RawResponse> {
  const url = new URL(base);
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.Authorization = `Bearer ${options.key}`;
  if (options.contentType) headers["Content-Type"] = options.contentType;
  if (options.body !== undefined) headers["Content-Length"] = String(Buffer.byteLength(options.body));
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, method, path, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: text ? JSON.parse(text) : undefined,
          });
        });
        res.on("error", reject);
      },
    );
    // The server reads every body it refuses to its end, so any error here is a real failure.
    req.on("error", reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** JSON request helper over `raw`. */
export const json = (base: string, method: string, path: string, key: string | undefined, body?: unknown) =>
  raw(base, method, path, {
    ...(key && { key }),
    ...(body !== undefined && { body: JSON.stringify(body), contentType: "application/json" }),
  });
