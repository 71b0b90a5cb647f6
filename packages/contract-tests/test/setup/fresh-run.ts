// Root global setup: runs once per vitest run, whichever projects are selected, before any of
// them, so even a run of the gate alone starts from an empty pairs file.
import { runDir, startRun } from "../../src/run-dir.js";

export default function setup(): void {
  startRun(runDir());
}
