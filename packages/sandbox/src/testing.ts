// The test-only entry: a sandbox together with its internal state. Not exported by the package
// (its `exports` name only the index), so the state's shape stays out of the published surface.
import { type Internals, launch, type Sandbox, type SandboxOptions } from "./server.js";

export type TestSandbox = Sandbox & Internals;

export async function startTestSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
  const { sandbox, internals } = await launch(options);
  return { ...sandbox, ...internals };
}
