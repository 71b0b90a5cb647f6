// A full garbage collection on demand, for the timed sections: each batch then starts from a clean
// heap, and pays for its own garbage only, not for what the variant timed before it left behind.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

setFlagsFromString("--expose-gc");

/** Collects all garbage now (V8's `gc()`, reached without a command-line flag). */
export const collectGarbage: () => void = runInNewContext("gc");
