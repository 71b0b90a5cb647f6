// The page-size bounds of every paged operation, read from a bundled OpenAPI document.

/** The query parameters that set how many items a page holds. */
const PAGE_SIZE_PARAMETERS = new Set(["limit", "page_size"]);
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Follow local `$ref`s ("#/components/…") inside the document. */
function resolve(doc, value) {
  let node = value;
  for (let hops = 0; node && typeof node.$ref === "string"; hops++) {
    if (!node.$ref.startsWith("#/") || hops > 16) throw new Error(`cannot resolve $ref ${node.$ref}`);
    node = node.$ref
      .slice(2)
      .split("/")
      .reduce((at, key) => at?.[key.replaceAll("~1", "/").replaceAll("~0", "~")], doc);
  }
  return node;
}

/** operationId → {parameter, minimum, maximum, default} of its `limit` or `page_size` query parameter. */
export function pagingOf(doc) {
  const paging = {};
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      // An operation's own parameter overrides the path's one of the same name, so it is found first.
      const parameters = [...(operation.parameters ?? []), ...(item.parameters ?? [])].map((p) =>
        resolve(doc, p),
      );
      const size = parameters.find((p) => p?.in === "query" && PAGE_SIZE_PARAMETERS.has(p.name));
      if (!size) continue;
      const { minimum = 1, maximum, default: fallback } = resolve(doc, size.schema) ?? {};
      if (!operation.operationId || !Number.isInteger(maximum) || !Number.isInteger(fallback)) {
        throw new Error(
          `${method.toUpperCase()} ${path}: a paged operation needs an operationId, and an integer maximum and default on ${size.name}`,
        );
      }
      paging[operation.operationId] = { parameter: size.name, minimum, maximum, default: fallback };
    }
  }
  return paging;
}
