import type { Client } from "openapi-fetch";
import { readBytes } from "./body-limit.js";
import {
  type ApiName,
  ConnectionError,
  notJson,
  OrgadminError,
  publicUrl,
  rememberApi,
  sentRequestOf,
} from "./errors.js";
import { declaresJson } from "./json-type.js";
import type { FetchLike, ResilientFetch } from "./resilient-fetch.js";

type Result = { data?: unknown; error?: unknown; response: Response };
type Init = { parseAs?: string; fetch?: FetchLike } | undefined;
type Call = (url: string, init?: Init) => Promise<Result>;
type RequestCall = (method: string, url: string, init?: Init) => Promise<Result>;

const VERBS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

/**
 * Every call of the client goes through `run`, the one place where what a call meets becomes one of
 * the client's errors. Each call hands openapi-fetch its own `fetch` (openapi-fetch gives it the
 * final request, after any middleware), so the resilient fetch knows whether the body will be read
 * as JSON, and a failure while the body is read can name the request.
 *
 * openapi-fetch parses a success body with `text()` and `JSON.parse` when its length is unknown, and
 * a body that is not JSON would surface as a bare SyntaxError. So for calls that read JSON (the
 * default `parseAs`) the client asks openapi-fetch for the body stream and reads and parses it once
 * here, within `maxBytes`: whatever its Content-Type, a body read as JSON that is not JSON is a
 * MalformedResponseError. So is a text that says it is JSON and is not.
 */
export function wrapCalls<Paths extends {}>(client: Client<Paths>, setup: CallSetup): Client<Paths> {
  const methods = client as unknown as Record<(typeof VERBS)[number], Call> & { request: RequestCall };
  for (const verb of VERBS) {
    const call = methods[verb];
    methods[verb] = (url, init) => run((final) => call(url, final), init, setup);
  }
  const request = methods.request;
  methods.request = (method, url, init) => run((final) => request(method, url, final), init, setup);
  return client;
}

export interface CallSetup {
  send: ResilientFetch;
  /** The largest body read as JSON here. */
  maxBytes: number;
  /** Whose answers these are: their ApiErrors get that API's class. */
  api: ApiName;
}

async function run(call: (init: Init) => Promise<Result>, init: Init, setup: CallSetup): Promise<Result> {
  const { send, maxBytes, api } = setup;
  const readsJson = init?.parseAs === undefined || init.parseAs === "json";
  const own = init?.fetch;
  let sent: Request | undefined;
  // The resilient fetch turns every failure before the response into one of the client's errors, so
  // a platform error reaching `clientError` came while the body was read, or from a caller's own fetch.
  let answered = own === undefined;
  const fetch = (request: Request, ext?: RequestInit): Promise<Response> => {
    sent = request;
    if (!own) return send(request, ext, readsJson);
    return own(request, ext).then((response) => {
      answered = true;
      return response;
    });
  };
  try {
    const result = await call(readsJson ? { ...init, parseAs: "stream", fetch } : { ...init, fetch });
    rememberApi(result.response, api);
    return readsJson ? await parsed(result, maxBytes, sent) : checkedText(result);
  } catch (error) {
    throw clientError(error, sent, answered);
  }
}

/**
 * The platform's own failures (a TypeError: "fetch failed", a body cut off, an undecodable
 * Content-Encoding) become a ConnectionError. The client's errors, the caller's abort, and what was
 * thrown before any request went out (an invalid argument) pass as they are.
 */
function clientError(error: unknown, sent: Request | undefined, answered: boolean): unknown {
  if (error instanceof OrgadminError || !(error instanceof TypeError) || !sent || sent.signal.aborted) {
    return error;
  }
  return new ConnectionError(sent.method, publicUrl(sent.url), error, answered ? "response" : "request");
}

async function parsed(result: Result, maxBytes: number, sent: Request | undefined): Promise<Result> {
  const { data, response } = result;
  // Errors (read by openapi-fetch) and bodiless answers come back without a body to read.
  if (data === undefined || result.error !== undefined || !response.ok) return result;
  if (data === null) return { data: undefined, response };
  // What was sent, for an error message (a middleware may have answered without sending anything).
  const { method, url } = sent ?? sentRequestOf(response);
  const bytes = await readBytes(response, { maxBytes, method, url });
  const text = bytes ? decoder.decode(bytes) : "";
  if (!text) return { data: undefined, response };
  try {
    return { data: JSON.parse(text), response };
  } catch {
    throw notJson(response.status, text, response.headers, method, url);
  }
}

const decoder = new TextDecoder();

/** A success read as text that says it is JSON must be JSON (checked, not kept: the caller asked for text). */
function checkedText(result: Result): Result {
  const { data, response } = result;
  if (typeof data === "string" && data && response.ok && declaresJson(response.headers)) {
    try {
      JSON.parse(data);
    } catch {
      const { method, url } = sentRequestOf(response);
      throw notJson(response.status, data, response.headers, method, url);
    }
  }
  return result;
}
