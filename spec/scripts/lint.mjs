// Lints every API registered in redocly.yaml; prints file:line:col for each problem, exits non-zero on any error.
import { API_NAMES } from "./apis.mjs";
import { lint } from "./redocly.mjs";

let ok = true;
for (const api of API_NAMES) {
  const clean = await lint(api);
  console.log(`${api}: ${clean ? "valid" : "invalid"}`);
  ok &&= clean;
}
process.exit(ok ? 0 : 1);
