// The per-operation contract tests, written once for both APIs. Against the mock: success with the
// examples, every documented error status, the 429 retry path, and success again with answers made
// from the schemas, all operations at once. Against a real server: every operation must reach its
// documented success, one after another in lifecycle order (see lifecycle.ts).
import { type ApiError, type FetchLike, OrganizationsApiError } from "@orgadmin/client";
import type { ApiName } from "@orgadmin/spec/contract";
import { describe, expect, it } from "vitest";
import { checkAnswer } from "../../src/check.js";
import { type Call, type CallIds, MOCK_IDS } from "./calls.js";
import {
  apiErrorOf,
  type ClientTweaks,
  contractOf,
  outcomeOf,
  platformFetch,
  prefer,
  server,
} from "./harness.js";
import { LIFECYCLES } from "./lifecycle.js";

/** Answers made from the schemas per operation: enough to meet optional fields, nulls and bounds. */
export const DYNAMIC_RUNS = 5;

export interface OperationSuite<C> {
  api: ApiName;
  calls: Record<string, Call<C>>;
  client: (tweaks?: ClientTweaks) => C;
  /** The payload inside a parsed success body (what a call resolves to: v1, the envelope's data). */
  payloadOf: (body: unknown) => unknown;
  /** The API's error class: every error answer is one, of its status's subclass where it has one. */
  errorClass: typeof ApiError;
  /** The success body a payload travels in, built from the payload alone (v1: the seed's envelope). */
  successBodyOf: (payload: unknown) => unknown;
}

export function describeOperations<C>(suite: OperationSuite<C>): void {
  const contract = contractOf(suite.api);
  const { mode } = server(suite.api);

  it("has a client call for every operation of the bundled spec, and no other", () => {
    expect(Object.keys(suite.calls).sort()).toEqual(contract.operations.map((op) => op.operationId).sort());
  });

  /** The payload a call resolves to, alone, is of the documented success shape. */
  const expectDocumentedPayload = (operationId: string, status: string, payload: unknown) =>
    expect(contract.validate(operationId, status, suite.successBodyOf(payload))).toEqual([]);

  const callOf = (operationId: string) => {
    const fn = suite.calls[operationId];
    if (!fn) throw new Error(`no client call for ${operationId}`);
    return fn;
  };

  if (mode === "proxy") {
    const lifecycle = LIFECYCLES[suite.api];
    const ids: CallIds = lifecycle.start();

    it("has a lifecycle step for every operation of the bundled spec, each once", () => {
      expect([...lifecycle.order].sort()).toEqual(contract.operations.map((op) => op.operationId).sort());
    });

    // One at a time: a real server's state is shared, and each step may need what the last one made.
    const steps = lifecycle.order.flatMap((id) => contract.operations.filter((op) => op.operationId === id));
    for (const op of steps) {
      // Full, untruncated names: reports (and the sandbox's proof) find each operation by its name.
      describe(`${op.operationId} (${op.method} ${op.path})`, () => {
        it(`reaches HTTP ${op.success} within the contract`, async () => {
          const blocked = lifecycle.blocked(op.operationId, ids);
          if (blocked) throw new Error(`${op.operationId}: ${blocked}`);
          const { answer, payload, error } = await outcomeOf((fetch) =>
            callOf(op.operationId)(suite.client({ fetch }), {}, ids),
          );
          checkAnswer(contract, op.operationId, answer, op.success);
          if (error) throw error;
          expectDocumentedPayload(op.operationId, op.success, payload);
          lifecycle.learn(op.operationId, payload, ids);
        });
      });
    }
    return;
  }

  describe.concurrent.each(contract.operations)("$operationId ($method $path)", (op) => {
    const call = (headers: Record<string, string> = {}, tweaks: ClientTweaks = {}) =>
      outcomeOf(
        (fetch) => callOf(op.operationId)(suite.client({ ...tweaks, fetch }), headers, MOCK_IDS),
        tweaks.fetch,
      );

    it(`succeeds with HTTP ${op.success} and a body of the documented shape`, async () => {
      const { answer, payload, error } = await call();
      checkAnswer(contract, op.operationId, answer, op.success);
      if (error) throw error;
      // What the caller gets is the documented example's payload, as the spec states it.
      const example = contract.example(op.operationId, op.success);
      expect(payload).toEqual(suite.payloadOf(example));
    });

    it(`holds for ${DYNAMIC_RUNS} answers generated from the schemas`, async () => {
      for (let run = 0; run < DYNAMIC_RUNS; run++) {
        const { answer, payload, error } = await call(prefer.dynamic);
        checkAnswer(contract, op.operationId, answer, op.success);
        if (error) throw error;
        expect(payload).toEqual(suite.payloadOf(answer.data));
        expectDocumentedPayload(op.operationId, op.success, payload);
      }
    });

    const errors = op.statuses.filter((s) => s !== op.success && s !== "429");
    it.each(errors)("surfaces HTTP %s as an ApiError with the parsed body", async (status) => {
      const { answer, error: thrown } = await call(prefer.code(status));
      checkAnswer(contract, op.operationId, answer, status);
      const error = apiErrorOf(thrown);
      expect(error.status).toBe(Number(status));
      expect(error).toBeInstanceOf(suite.errorClass);
      expect(error.body).toEqual(answer.error);
      expect(error.method).toBe(op.method);
      expect(error.url).toContain(server(suite.api).url);
      if (error instanceof OrganizationsApiError) {
        const envelope = answer.error as { status_code: number; status_message: string };
        expect(error.statusCode).toBe(Number(status));
        expect(error.statusCode).toBe(envelope.status_code);
        expect(error.statusMessage).toBe(envelope.status_message);
      } else {
        expect(suite.api).toBe("enterprise");
        expect(error.body).toMatchObject({ code: expect.any(String), message: expect.any(String) });
        expect(error.message).toContain((error.body as { message: string }).message);
      }
    });

    if (op.statuses.includes("429")) {
      it("retries HTTP 429 after Retry-After, then surfaces it as an ApiError", async () => {
        // One ordered log of what the client did: each attempt and each wait it asked for. The wait
        // is recorded, not spent: the real timer is proven in the client's own tests.
        const steps: string[] = [];
        const counting: FetchLike = (input, init) => {
          steps.push("attempt");
          return platformFetch(input, init);
        };
        const sleep = async (ms: number): Promise<void> => {
          steps.push(`wait ${ms} ms`);
        };
        const { answer, error: thrown } = await call(prefer.code("429"), {
          maxRetries: 1,
          fetch: counting,
          sleep,
        });
        checkAnswer(contract, op.operationId, answer, "429");
        // Prism's example says `Retry-After: 1`: the second attempt comes after a one-second wait.
        expect(steps).toEqual(["attempt", "wait 1000 ms", "attempt"]);
        const error = apiErrorOf(thrown);
        expect(error.status).toBe(429);
        expect(error.retryAfterMs).toBe(1000);
        expect(error.body).toMatchObject({ code: "rate_limited" });
      });
    }
  });
}
