// Against a real server the operations share its state, so they run one after another in an order
// a stateful server can follow: reads, then creates and updates, then removals, the delete last.
// What one step learns from its answer (an id) feeds the steps after it.
import { randomUUID } from "node:crypto";
import type { ApiName } from "../../src/contract.js";
import { type CallIds, ORG_ID } from "./calls.js";

export interface Lifecycle {
  /** Every operation of the API, in the order a real server sees them. */
  order: readonly string[];
  /** Ids for one run: org_abc123 must exist on the server, the rest comes from earlier answers. */
  start: () => CallIds;
  /** Reads what later steps need from a success payload (as `unwrap` / `unwrapEnvelope` return it). */
  learn: (operationId: string, payload: unknown, ids: CallIds) => void;
  /** Why a step cannot run yet (an earlier step it depends on did not succeed), if so. */
  blocked: (operationId: string, ids: CallIds) => string | undefined;
}

const start = (): CallIds => ({
  orgId: ORG_ID,
  memberId: "",
  disposableOrgId: "",
  runTag: randomUUID().slice(0, 8),
});

export const LIFECYCLES: Record<ApiName, Lifecycle> = {
  enterprise: {
    order: [
      "listMembers",
      "listConsumptionCycles",
      "listSessionInsights",
      "listAuditLogs",
      "inviteMembers",
      "createOrganization",
      "addRepositoryPermission",
    ],
    start,
    learn: () => {},
    blocked: () => undefined,
  },
  organizations: {
    order: [
      "listOrganizations",
      "getOrganization",
      "listMembers",
      "createOrganization",
      "updateOrganization",
      "createInvitation",
      "updateMemberRole",
      "removeMember",
      "deleteOrganization",
    ],
    start,
    learn(operationId, payload, ids) {
      // The run deletes the organization it created, so org_abc123 survives for the next run.
      if (operationId === "createOrganization") ids.disposableOrgId = (payload as { id: string }).id;
      // Role changes and removal act on a member who is not an owner: never the caller, who must own
      // org_abc123, and never the last owner.
      if (operationId === "listMembers") {
        const { members } = payload as { members: { id: string; role: string }[] };
        ids.memberId = members.find((m) => m.role !== "owner")?.id ?? "";
      }
    },
    blocked(operationId, ids) {
      if ((operationId === "updateMemberRole" || operationId === "removeMember") && !ids.memberId) {
        return `no member to act on: listMembers did not succeed, or ${ids.orgId} has no member who is not an owner`;
      }
      if (operationId === "deleteOrganization" && !ids.disposableOrgId) {
        return "no organization of this run to delete: createOrganization did not succeed";
      }
      return undefined;
    },
  },
};
