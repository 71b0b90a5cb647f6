// One side of the "two sandboxes at the same instant" test: a process that starts a sandbox on
// FILE for each `open FILE` line on stdin (printing `listening on URL`, or `refused: MESSAGE`) and
// stops it on each `close` line (printing `closed`). One process serves many rounds, so the rounds
// race the opens themselves, not two Node start-ups.
import { createInterface } from "node:readline";
import { startTestSandbox } from "../../dist/testing.js";

let sandbox;
for await (const line of createInterface({ input: process.stdin })) {
  const [command, file] = line.split(" ");
  if (command === "open") {
    try {
      sandbox = await startTestSandbox({ dataFile: file, log: () => {} });
      process.stdout.write(`listening on ${sandbox.url}\n`);
    } catch (error) {
      process.stdout.write(`refused: ${error.message}\n`);
    }
  } else if (command === "close") {
    await sandbox?.close();
    sandbox = undefined;
    process.stdout.write("closed\n");
  }
}
await sandbox?.close();
