// The load generator as a process of its own, so it never shares an event loop with the server it
// measures: `node load-runner.js '<json: {targets, options}>'` prints one JSON LoadResult line.
import { type LoadOptions, runLoad, type Targets } from "./load-mix.js";

const { targets, options } = JSON.parse(process.argv[2] ?? "{}") as {
  targets: Targets;
  options: LoadOptions;
};
const result = await runLoad(targets, options);
process.stdout.write(`${JSON.stringify(result)}\n`);
