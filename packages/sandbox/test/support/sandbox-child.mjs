// A sandbox in a child process, for tests that SIGKILL it, fill its database or start two at once:
// `node sandbox-child.mjs FILE [--gate] [--extra-pages N]`. Prints `listening on URL` once it
// serves, or `refused: MESSAGE` and exits 1 when it cannot start. With --gate it starts only on
// the first line of stdin; with --extra-pages its database may grow by N pages only (SQLite then
// answers SQLITE_FULL). It closes the sandbox and exits when stdin ends.
import { startTestSandbox } from "../../dist/testing.js";

const [file, ...flags] = process.argv.slice(2);
const at = flags.indexOf("--extra-pages");
const extraPages = at >= 0 ? Number(flags[at + 1]) : undefined;
if (flags.includes("--gate")) await new Promise((resolve) => process.stdin.once("data", resolve));
let sandbox;
try {
  sandbox = await startTestSandbox({ dataFile: file, log: () => {} });
} catch (error) {
  process.stdout.write(`refused: ${error.message}\n`);
  process.exit(1);
}
if (extraPages !== undefined) {
  const [{ page_count }] = await sandbox.dataFile.query("PRAGMA page_count");
  await sandbox.dataFile.query(`PRAGMA max_page_count = ${page_count + extraPages}`);
}
process.stdout.write(`listening on ${sandbox.url}\n`);
process.stdin.on("end", () => sandbox.close().then(() => process.exit(0)));
process.stdin.resume();
