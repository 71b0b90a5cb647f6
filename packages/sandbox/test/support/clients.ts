// @orgadmin/client wired to a sandbox, as a downstream team would build it.
import { createEnterpriseClient, createOrganizationsClient, type FetchLike } from "@orgadmin/client";
import type { Sandbox } from "../../src/server.js";

export const v1Client = (sandbox: Sandbox, apiKey: string, fetch?: FetchLike) =>
  createOrganizationsClient({ apiKey, baseUrl: sandbox.url, maxRetries: 0, ...(fetch && { fetch }) });

export const v2Client = (sandbox: Sandbox, apiKey: string, fetch?: FetchLike) =>
  createEnterpriseClient({ apiKey, baseUrl: sandbox.enterpriseUrl, maxRetries: 0, ...(fetch && { fetch }) });

/** What a call got from the server (status, parsed body, read from a copy), and what it threw, if anything. */
export interface Answered {
  status: number;
  body: unknown;
  error?: unknown;
}

/**
 * Runs `call` on a client built with a fetch that keeps a copy of the response, so a test sees the
 * answer as the server sent it, whether the call resolved or threw.
 */
export async function answerOf<C>(
  client: (fetch: FetchLike) => C,
  call: (c: C) => Promise<unknown>,
): Promise<Answered> {
  let last: Response | undefined;
  const fetch: FetchLike = async (input, init) => {
    const response = await globalThis.fetch(input, init);
    last = response.clone();
    return response;
  };
  let error: unknown;
  try {
    await call(client(fetch));
  } catch (e) {
    error = e;
  }
  if (!last) throw error;
  const text = await last.text();
  return {
    status: last.status,
    body: text ? JSON.parse(text) : undefined,
    ...(error !== undefined && { error }),
  };
}

/**
 * A fetch that keeps a copy of each answer it hands a client, and `outcome`: the status, body and
 * headers of the answer to a call, as sent, whether the call resolved or threw.
 */
export function recorder(send: FetchLike) {
  let last: Response | undefined;
  const fetch: FetchLike = async (input, init) => {
    const response = await send(input, init);
    last = response.clone();
    return response;
  };
  async function outcome(call: () => Promise<unknown>) {
    last = undefined;
    try {
      await call();
    } catch (error) {
      if (!last) throw error;
    }
    // (Assigned by the fetch during the call, which TypeScript's flow analysis does not see.)
    const answer = last as Response | undefined;
    if (!answer) throw new Error("the call got no answer");
    const text = await answer.text();
    return {
      status: answer.status,
      body: text ? (JSON.parse(text) as unknown) : undefined,
      headers: answer.headers,
    };
  }
  return { fetch, outcome };
}

/** The sandbox-only step no API offers: the invitee accepts, and gets a key if they had none. */
export async function acceptInvitation(
  sandbox: Sandbox,
  invitationId: string,
): Promise<{ user_id: string; api_key: string }> {
  const res = await fetch(`${sandbox.url}/_sandbox/invitations/${invitationId}/accept`, {
    method: "POST",
    // Any sandbox user's key: the endpoint changes state, so it takes a key like the API.
    headers: { Authorization: "Bearer sandbox-outsider" },
  });
  if (res.status !== 200) throw new Error(`accept ${invitationId}: HTTP ${res.status}`);
  return (await res.json()) as { user_id: string; api_key: string };
}
