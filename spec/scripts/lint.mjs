// Lints every API registered in redocly.yaml; prints file:line:col for each problem, exits non-zero on any.
import { lint } from "./redocly.mjs";

const { ok } = await lint();
process.exit(ok ? 0 : 1);
