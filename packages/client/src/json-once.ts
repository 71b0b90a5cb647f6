import type { Client } from "openapi-fetch";
import { notJson, sentRequestOf } from "./errors.js";
import type { FetchLike } from "./resilient-fetch.js";

type Result = { data?: unknown; error?: unknown; response: Response };
type Init = { parseAs?: string; fetch?: unknown } | undefined;
type Call = (url: string, init?: Init) => Promise<Result>;
type RequestCall = (method: string, url: string, init?: Init) => Promise<Result>;

const VERBS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

const readsJson = (init: Init) => init?.parseAs === undefined || init.parseAs === "json";

/**
 * openapi-fetch parses a success body with `text()` and `JSON.parse` when its length is unknown, so a
 * guarded `text()` would parse it twice, and a body that is not JSON would surface as a bare
 * SyntaxError. For calls that read JSON (the default `parseAs`), the client asks openapi-fetch for the
 * body stream instead and parses it once here: whatever its Content-Type, a body read as JSON that is
 * not JSON is a MalformedResponseError. Other `parseAs` values pass through untouched.
 *
 * Those calls go through `jsonFetch` (unless the caller passes its own `fetch`), so the fetch layer
 * knows the body will be read as JSON whatever its Content-Type; openapi-fetch hands a per-call
 * `fetch` the final request, after any middleware, and nothing extra goes to the server.
 */
export function parseJsonOnce<Paths extends {}>(client: Client<Paths>, jsonFetch: FetchLike): Client<Paths> {
  const stream = { parseAs: "stream", fetch: jsonFetch };
  const asStream = (init: Init) =>
    init ? { ...init, parseAs: "stream", fetch: init.fetch ?? jsonFetch } : stream;
  const methods = client as unknown as Record<(typeof VERBS)[number], Call> & { request: RequestCall };
  for (const verb of VERBS) {
    const call = methods[verb];
    methods[verb] = (url, init) => (readsJson(init) ? parsed(call(url, asStream(init))) : call(url, init));
  }
  const request = methods.request;
  methods.request = (method, url, init) =>
    readsJson(init) ? parsed(request(method, url, asStream(init))) : request(method, url, init);
  return client;
}

async function parsed(pending: Promise<Result>): Promise<Result> {
  const result = await pending;
  const { data, response } = result;
  // Errors (read by openapi-fetch) and bodiless answers come back without a body to read.
  if (data === undefined || result.error !== undefined || !response.ok) return result;
  if (data === null) return { data: undefined, response };
  // The text() of the response's class, not the guard set on the instance, so the body is parsed once;
  // for a Response of another fetch implementation too. (A response whose text() is its own property
  // has only the guard left, which reads through that text() and parses once more.)
  const read: () => Promise<string> = Object.getPrototypeOf(response)?.text ?? response.text;
  const text = await read.call(response);
  if (!text) return { data: undefined, response };
  try {
    return { data: JSON.parse(text), response };
  } catch {
    const { method, url } = sentRequestOf(response);
    throw notJson(response.status, text, response.headers, method, url);
  }
}
