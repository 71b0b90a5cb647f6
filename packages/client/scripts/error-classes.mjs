// The per-status error classes of one API, from the error statuses its operations document.
import { operationsOf } from "@orgadmin/spec/contract";

/** The client's name for each error status an API may document (the names openai-node's users know). */
const STATUS_NAMES = {
  400: "BadRequest",
  401: "Authentication",
  403: "PermissionDenied",
  404: "NotFound",
  409: "Conflict",
  422: "Unprocessable",
  429: "RateLimit",
};

/**
 * The module text: `<Api><Name>Error` for each documented 4xx status and `<Api>ServerError` for 5xx,
 * each under the API's own error class (hand-written in src/<api>-error.ts), and `<api>Error`, which
 * picks the class for an answer.
 */
export function errorClassesOf(api, doc) {
  const statuses = new Set();
  for (const { operation } of operationsOf(doc)) {
    for (const status of Object.keys(operation.responses ?? {}))
      if (/^4\d\d$/.test(status)) statuses.add(status);
  }
  const prefix = api[0].toUpperCase() + api.slice(1);
  const base = `${prefix}ApiError`;
  const classes = [...statuses].sort().map((status) => {
    const name = STATUS_NAMES[status];
    if (!name)
      throw new Error(`${api} documents HTTP ${status}: name its error class in scripts/error-classes.mjs`);
    return { status, name };
  });
  classes.push({ name: "Server" });
  const lines = [
    `import { ${base} } from "../${api}-error.js";`,
    `import type { ApiErrorInit } from "../errors.js";`,
    `import { errorTable, named } from "../errors.js";`,
    "",
    ...classes.flatMap(({ status, name }) => [
      `/** HTTP ${status ?? "5xx, after the client's own retries"}. */`,
      `export class ${prefix}${name}Error extends ${base} {}`,
    ]),
    "",
    `named(${JSON.stringify(prefix)}, {`,
    `  Api: ${base},`,
    ...classes.map(({ name }) => `  ${name}: ${prefix}${name}Error,`),
    "});",
    "",
    `/** The error for an answer of this API: the class of \`status\` (by default the HTTP status). */`,
    `export const ${api}Error: (init: ApiErrorInit, status?: number) => ${base} = errorTable(`,
    `  ${base},`,
    `  { ${classes.flatMap(({ status, name }) => (status ? [`${status}: ${prefix}${name}Error`] : [])).join(", ")} },`,
    `  ${prefix}ServerError,`,
    ");",
  ];
  return `${lines.join("\n")}\n`;
}
