// Query text → values of the types the contract declares. Stricter than Ajv's coercion: an integer
// is a plain decimal integer (no `Infinity`, `1e1`, `0x10`, `+5`, `5.0`, `05`, spaces), so anything
// else stays text and fails the schema's `type`.
export type QueryType = "integer" | "number" | "boolean" | "string";

const INTEGER = /^(0|-?[1-9][0-9]*)$/;
const NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;

function decode(text: string, type: QueryType | undefined): unknown {
  switch (type) {
    case "integer": {
      const n = Number(text);
      return INTEGER.test(text) && Number.isSafeInteger(n) ? n : text;
    }
    case "number":
      return NUMBER.test(text) ? Number(text) : text;
    case "boolean":
      return text === "true" ? true : text === "false" ? false : text;
    default:
      return text;
  }
}

/** The query's parameters over `defaults`, each decoded as its declared type (the last value wins). */
export function decodeQuery(
  rawQuery: string,
  types: Record<string, QueryType>,
  defaults: Record<string, unknown>,
): Record<string, unknown> {
  const query: Record<string, unknown> = { ...defaults };
  for (const [name, value] of new URLSearchParams(rawQuery)) query[name] = decode(value, types[name]);
  return query;
}
