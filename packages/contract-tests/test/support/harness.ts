// What every contract test starts from: the running servers, clients wired to them with the
// recording middleware, and the contracts to check answers against.
import {
  ApiError,
  createEnterpriseClient,
  createOrganizationsClient,
  type FetchLike,
} from "@orgadmin/client";
import { type ApiName, type Contract, loadContract } from "@orgadmin/spec/contract";
import { inject } from "vitest";
import type { Answer } from "../../src/check.js";
import { recordingMiddleware } from "../../src/recorder.js";
import { pairsFile } from "../../src/run-dir.js";
import "../setup/provided.js";

/** The key every client sends; against a real server, set CONTRACT_API_KEY to one it accepts. */
export const API_KEY = process.env.CONTRACT_API_KEY?.trim() || "contract-test-key";

const contracts = new Map<ApiName, Contract>();
export function contractOf(api: ApiName): Contract {
  let contract = contracts.get(api);
  if (!contract) {
    contract = loadContract(api);
    contracts.set(api, contract);
  }
  return contract;
}

export const server = (api: ApiName) => inject("servers")[api];

/** Tests of the mock's own request gate run only where the API is served by Prism's mock. */
export const isMock = (api: ApiName) => server(api).mode === "mock";

export interface ClientTweaks {
  maxRetries?: number;
  fetch?: FetchLike;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** The Enterprise client as a downstream team builds it, plus the recorder. */
export function enterpriseClient(tweaks: ClientTweaks = {}) {
  const client = createEnterpriseClient({ apiKey: API_KEY, baseUrl: server("enterprise").url, ...tweaks });
  client.use(recordingMiddleware(contractOf("enterprise"), pairsFile(inject("runDir"))));
  return client;
}

export function organizationsClient(tweaks: ClientTweaks = {}) {
  const client = createOrganizationsClient({
    apiKey: API_KEY,
    baseUrl: server("organizations").url,
    ...tweaks,
  });
  client.use(recordingMiddleware(contractOf("organizations"), pairsFile(inject("runDir"))));
  return client;
}

/** Asks Prism for one documented status (mock mode) or for an answer made from the schemas. */
export const prefer = {
  code: (status: string): Record<string, string> => ({ Prefer: `code=${status}` }),
  dynamic: { Prefer: "dynamic=true" } as Record<string, string>,
};

/** What a call gave its caller (its payload, or the error it threw), and the answer it came from. */
export interface Outcome {
  /** The last response the client received, its body read from a copy as openapi-fetch parses one. */
  answer: Answer;
  payload?: unknown;
  error?: unknown;
}

/**
 * The platform's fetch, sent once more when the server closed a kept-alive connection just as this
 * request reused it (undici's `UND_ERR_SOCKET` "other side closed", no answer). Prism and the sandbox
 * close idle connections on their own clock; on a busy machine undici's idle timer runs late and a
 * call can land on a connection the server is closing, so no server saw the request. That is the
 * transport, not the contract; the client's own rules for it (a POST is not sent again) are tested
 * in the client package.
 */
export async function platformFetch(input: Request, init?: RequestInit): Promise<Response> {
  const again = input.clone();
  try {
    return await globalThis.fetch(input, init);
  } catch (error) {
    const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
    if (cause?.code !== "UND_ERR_SOCKET" || cause.message !== "other side closed") throw error;
    return globalThis.fetch(again, init);
  }
}

/**
 * Runs a call with a fetch (around `inner`) that keeps a copy of each response, so the suite checks
 * the answer as the server sent it, beside what the client made of it. A call that failed before any
 * answer rethrows its error.
 */
export async function outcomeOf(
  run: (fetch: FetchLike) => Promise<unknown>,
  inner: FetchLike = platformFetch,
): Promise<Outcome> {
  let last: Response | undefined;
  const fetch: FetchLike = async (input, init) => {
    const response = await inner(input, init);
    last = response.clone();
    return response;
  };
  const answer = async (): Promise<Answer> => {
    if (!last) throw new Error("the call got no answer");
    const text = await last.text();
    let body: unknown = text || undefined;
    try {
      body = JSON.parse(text);
    } catch {}
    return last.ok ? { response: last, data: body } : { response: last, error: body };
  };
  try {
    const payload = await run(fetch);
    return { answer: await answer(), payload };
  } catch (error) {
    if (!last) throw error;
    return { answer: await answer(), error };
  }
}

/** `error` as the ApiError it must be; fails the test with whatever it is otherwise. */
export function apiErrorOf(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  throw error ?? new Error("expected an ApiError, but the call succeeded");
}
