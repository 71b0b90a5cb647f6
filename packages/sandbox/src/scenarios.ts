// Scenarios: the next calls of one operation answer a status the contract documents for it, fail
// at the network level, or are delayed on the sandbox's clock. A status the contract does not
// document for the operation is refused when the scenario is set, so every answer conforms.
import type { operations as EnterpriseOperations } from "@orgadmin/client/enterprise";
import type { operations as OrganizationsOperations } from "@orgadmin/client/organizations";
import type { ApiName, Contract } from "@orgadmin/spec/portable";
import type { SandboxClock } from "./clock.js";
import type { CompiledOperation } from "./operations.js";
import { NetworkFailure } from "./pipeline.js";
import { Refusal, type RefusalKind } from "./refusal.js";
import type { Reply } from "./reply.js";
import type { Mounted } from "./route.js";

/** The operationIds of each API, as the generated types name them. */
export interface OperationIds {
  enterprise: keyof EnterpriseOperations & string;
  organizations: keyof OrganizationsOperations & string;
}

export type ScenarioBehaviour =
  /** Answer this documented status; a 429 carries `Retry-After` (whole seconds, default 1). */
  | { status: number; retryAfter?: number; times?: number }
  /** Drop the request: `fetch` rejects with a TypeError, MSW answers a network error. */
  | { network: "error"; times?: number }
  /** Hold the request until the sandbox's clock has moved `delayMs` further, then answer it. */
  | { delayMs: number; times?: number };

/** The refusal each documented error status stands for, so it is written in the API's own shape. */
const KIND_OF_STATUS: Record<number, RefusalKind> = {
  400: "unreadable",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  422: "invalid",
  429: "rate_limited",
  500: "internal",
};

interface Queued {
  behaviour: ScenarioBehaviour;
  left: number;
}

export class Scenarios {
  private readonly queued = new Map<string, Queued[]>();

  constructor(
    private readonly contracts: Record<ApiName, Contract>,
    private readonly clock: SandboxClock,
  ) {}

  /** Queues `behaviour` for the next `times` (default 1) calls of the operation. */
  set(api: ApiName, operationId: string, behaviour: ScenarioBehaviour): void {
    const op = this.contracts[api].operation(operationId);
    const times = behaviour.times ?? 1;
    if (!Number.isSafeInteger(times) || times < 1) throw new RangeError("times must be a whole number >= 1");
    if ("status" in behaviour && !op.statuses.includes(String(behaviour.status))) {
      throw new RangeError(
        `${api} ${operationId} documents no ${behaviour.status} (it documents ${op.statuses.join(", ")})`,
      );
    }
    if ("delayMs" in behaviour && !(Number.isFinite(behaviour.delayMs) && behaviour.delayMs >= 0)) {
      throw new RangeError("delayMs must be a number of milliseconds >= 0");
    }
    const key = `${api} ${operationId}`;
    this.queued.set(key, [...(this.queued.get(key) ?? []), { behaviour, left: times }]);
  }

  clear(): void {
    this.queued.clear();
  }

  /**
   * For a call of `op`: the reply its scenario gives, or undefined to go through the stages
   * (no scenario, or a delay that has passed). Throws NetworkFailure for a network failure.
   */
  async take(mounted: Mounted, op: CompiledOperation): Promise<Reply | undefined> {
    const key = `${op.api} ${op.operationId}`;
    const queue = this.queued.get(key);
    const next = queue?.[0];
    if (!queue || !next) return undefined;
    next.left -= 1;
    if (next.left === 0) queue.shift();
    if (queue.length === 0) this.queued.delete(key);
    const b = next.behaviour;
    if ("network" in b) throw new NetworkFailure();
    if ("delayMs" in b) {
      await this.clock.sleep(b.delayMs);
      return undefined;
    }
    const kind = KIND_OF_STATUS[b.status];
    if (kind) {
      const detail = kind === "rate_limited" ? { retryAfter: b.retryAfter ?? 1 } : {};
      return mounted.shape.error(new Refusal(kind, `Answered by a sandbox scenario (${b.status}).`, detail));
    }
    // A success or a status with no refusal of its own: the contract's example for it.
    return { status: b.status, body: this.contracts[op.api].example(op.operationId, b.status) };
  }
}
