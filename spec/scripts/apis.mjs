// The APIs redocly.yaml registers, read from it: the spec's own scripts take the list from here
// (they run before anything is built); code elsewhere reads it through @orgadmin/spec/contract.
import { readFileSync } from "node:fs";
import { parse } from "yaml";

const config = parse(readFileSync(new URL("../redocly.yaml", import.meta.url), "utf8"));

/** API alias in redocly.yaml → its source folder, which is also its bundle's name (dist/<name>.json). */
export const apis = Object.fromEntries(
  Object.entries(config.apis).map(([alias, { root }]) => [alias, root.split("/")[0]]),
);

/** Everything a spec edit can touch: each API's folder, the lint plugins and redocly.yaml. */
export const SOURCES = [...Object.values(apis), "plugins", "redocly.yaml"];
