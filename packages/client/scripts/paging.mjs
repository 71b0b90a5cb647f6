// The page-size bounds of every paged operation, read from a bundled OpenAPI document.
import { operationsOf, parametersOf, resolveRef } from "@orgadmin/spec/contract";

/** The query parameters that set how many items a page holds. */
const PAGE_SIZE_PARAMETERS = new Set(["limit", "page_size"]);

/** operationId → {parameter, minimum, maximum, default} of its `limit` or `page_size` query parameter. */
export function pagingOf(doc) {
  const paging = {};
  for (const entry of operationsOf(doc)) {
    const { operation, method, path } = entry;
    // An operation's own parameter overrides the path's one of the same name, so it is found first.
    const size = parametersOf(doc, entry)
      .map((p) => p.parameter)
      .find((p) => p.in === "query" && PAGE_SIZE_PARAMETERS.has(p.name));
    if (!size) continue;
    const { minimum = 1, maximum, default: fallback } = resolveRef(doc, size.schema) ?? {};
    if (!operation.operationId || !Number.isInteger(maximum) || !Number.isInteger(fallback)) {
      throw new Error(
        `${method.toUpperCase()} ${path}: a paged operation needs an operationId, and an integer maximum and default on ${size.name}`,
      );
    }
    paging[operation.operationId] = { parameter: size.name, minimum, maximum, default: fallback };
  }
  return paging;
}
