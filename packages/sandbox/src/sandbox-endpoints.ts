// The sandbox-only endpoints under `/_sandbox/` (not part of the contract): the step no API offers
// (an invitee accepts), a look at pending invitations, and a health check for start-up scripts.
import { Refusal } from "./refusal.js";
import type { Store } from "./store.js";

export interface SandboxEndpoint {
  /** Whether the endpoint changes state (and so must be durable before it answers). */
  mutates: boolean;
  run(store: Store): unknown;
}

export function findSandboxEndpoint(method: string, pathname: string): SandboxEndpoint | undefined {
  const accept = /^\/_sandbox\/invitations\/(inv_[A-Za-z0-9]+)\/accept$/.exec(pathname)?.[1];
  if (accept && method === "POST") {
    return { mutates: true, run: (store) => store.v1.acceptInvitation(accept) };
  }
  const pending = /^\/_sandbox\/organizations\/(org_[A-Za-z0-9]+)\/invitations$/.exec(pathname)?.[1];
  if (pending && (method === "GET" || method === "HEAD")) {
    return {
      mutates: false,
      run(store) {
        const org = store.organization(pending);
        if (!org) throw new Refusal("not_found", "Organization not found.");
        return { invitations: store.v1.pendingInvitations(org) };
      },
    };
  }
  if (pathname === "/_sandbox/health" && (method === "GET" || method === "HEAD")) {
    return { mutates: false, run: () => ({ ok: true }) };
  }
  return undefined;
}
