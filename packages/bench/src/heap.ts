// A settled heap on demand, for the timed sections: each batch then starts from a clean heap, and
// pays for its own garbage only, not for what the variant timed before it left behind.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

setFlagsFromString("--expose-gc");

/** Collects all garbage now (V8's `gc()`, reached without a command-line flag). */
const collectGarbage: () => void = runInNewContext("gc");

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Collects all garbage and lets what a collection sets off run out before the next timed batch:
 * FinalizationRegistry callbacks (undici's per-Request abort-listener cleanup, the one that clears
 * an `AbortSignal.timeout()` timer) run as tasks after the collection, and each can free more for
 * the next one. Left alone they run inside whichever batch is timed next: a variant would pay for
 * the one before it, 2–3 % of a 1,500-call batch after `AbortSignal.timeout()`.
 */
export async function settleHeap(): Promise<void> {
  for (let pass = 0; pass < 2; pass++) {
    collectGarbage();
    await turn();
    await turn();
  }
}
