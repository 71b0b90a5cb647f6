// What both smoke scripts share: the runtime's name, a check that throws its message, and the
// runner that prints one "ok"/"not ok" line per check, then "N passed, N failed", and exits 1 when a
// check failed. Plain JavaScript so Node, Bun and Deno run it as is.

export const runtime = globalThis.Bun
  ? `bun ${globalThis.Bun.version}`
  : globalThis.Deno
    ? `deno ${globalThis.Deno.version.deno}`
    : `node ${process.versions.node}`;

/** @param {unknown} condition @param {string} message */
export function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** @param {Record<string, () => Promise<void> | void>} checks */
export async function runChecks(checks) {
  let passed = 0;
  let failed = 0;
  for (const [name, run] of Object.entries(checks)) {
    try {
      await run();
      passed += 1;
      console.log(`ok - ${name}`);
    } catch (error) {
      failed += 1;
      console.log(`not ok - ${name}: ${error instanceof Error ? error.message : error}`);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  if (failed > 0) {
    if (globalThis.Deno) globalThis.Deno.exit(1);
    process.exitCode = 1;
  }
}
