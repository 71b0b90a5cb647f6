// Against a real server the operations share its state, so they run one after another in an order
// a stateful server can follow: reads, then creates and updates, then removals, the delete last.
// What one step learns from its answer (an id) feeds the steps after it.
import { randomUUID } from "node:crypto";
import type { ApiName } from "@orgadmin/spec/contract";
import { type CallIds, ORG_ID } from "./calls.js";

export interface Lifecycle {
  /** Every operation of the API, in the order a real server sees them. */
  order: readonly string[];
  /** Ids for one run: org_abc123 must exist on the server, the rest comes from earlier answers. */
  start: () => CallIds;
  /** Reads what later steps need from a success payload (as a call resolves to it). */
  learn: (operationId: string, payload: unknown, ids: CallIds) => void;
  /** Why a step cannot run yet (an earlier step it depends on did not succeed), if so. */
  blocked: (operationId: string, ids: CallIds) => string | undefined;
}

const start = (): CallIds => ({
  orgId: ORG_ID,
  memberId: "",
  disposableOrgId: "",
  callerId: "",
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
      "createOrganization",
      "listMembers",
      "updateOrganization",
      "createInvitation",
      "updateMemberRole",
      "removeMember",
      "deleteOrganization",
    ],
    start,
    learn(operationId, payload, ids) {
      // The run deletes the organization it created, so org_abc123 survives for the next run; its
      // owner is the caller.
      if (operationId === "createOrganization") {
        const created = payload as { id: string; owner: { id: string } };
        ids.disposableOrgId = created.id;
        ids.callerId = created.owner.id;
      }
      // Role changes and removal act on a member who is neither an owner (never the last owner) nor
      // the caller (an admin key must not demote or remove itself).
      if (operationId === "listMembers") {
        const { members } = payload as { members: { id: string; role: string }[] };
        ids.memberId = members.find((m) => m.role !== "owner" && m.id !== ids.callerId)?.id ?? "";
      }
    },
    blocked(operationId, ids) {
      if ((operationId === "updateMemberRole" || operationId === "removeMember") && !ids.memberId) {
        return `no member to act on: listMembers did not succeed, or ${ids.orgId} has no member who is neither an owner nor the caller`;
      }
      if (operationId === "deleteOrganization" && !ids.disposableOrgId) {
        return "no organization of this run to delete: createOrganization did not succeed";
      }
      return undefined;
    },
  },
};
