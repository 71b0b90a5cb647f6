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

/** The ApiError `fn` throws; fails the test when it throws anything else or nothing. */
export function caught(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected an ApiError, but nothing was thrown");
}
