// The contract's APIs for the spec's own scripts, from the reader's source (they run before the
// reader is built; Node runs the TypeScript as is), and what a spec edit can touch.
import { API_NAMES } from "../src/api-names.ts";

export { API_NAMES };

/** Everything a spec edit can touch: each API's folder, the lint plugins and redocly.yaml. */
export const SOURCES = [...API_NAMES, "plugins", "redocly.yaml"];
