// The oldest Node the sandbox runs on: `node:sqlite` without its experimental warning (Node 24.15 on
// the 24 line, 25.7 on the 25 line; every Node 22 still prints the warning). Checked before anything
// loads `node:sqlite`, so an older Node gets one line saying what to do, not a stack.

/** The same floor as `engines.node` in package.json. */
export const NODE_FLOOR = "^24.15.0 || >=25.7.0";

/** Why this Node cannot run the sandbox, or undefined when it can. */
export function unsupportedNode(version: string = process.versions.node): string | undefined {
  const [major = 0, minor = 0] = version.split(".").map(Number);
  const ok = major === 24 ? minor >= 15 : major === 25 ? minor >= 7 : major > 25;
  if (ok) return undefined;
  return `@orgadmin/sandbox needs Node 24.15 or later (it keeps --data in node:sqlite); this is Node ${version}.`;
}
