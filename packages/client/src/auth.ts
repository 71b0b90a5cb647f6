/** Printable ASCII without spaces: anything else would break or smuggle a header line. */
const API_KEY = /^[\x21-\x7e]+$/;

/** The Authorization header value for `apiKey`. Messages never include the key itself. */
export function bearer(apiKey: unknown): string {
  if (typeof apiKey !== "string" || apiKey.length === 0) {
    throw new TypeError("apiKey is required: pass the API key as a non-empty string");
  }
  if (!API_KEY.test(apiKey)) {
    throw new TypeError(
      "apiKey is malformed: it contains whitespace, a line break or a non-ASCII character (check for a stray newline)",
    );
  }
  return `Bearer ${apiKey}`;
}
