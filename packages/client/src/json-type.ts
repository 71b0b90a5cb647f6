/** `application/json` or a `+json` type (`application/problem+json`, …), parameters allowed. */
const JSON_TYPE = /^(?:application\/json|[^/;\s]+\/[^;\s]+\+json)\s*(?:;|$)/i;

/**
 * Only a body that says it is JSON is checked to be JSON when read as text. Anything else (a CSV
 * export read with `parseAs: "text"`, a download read as a stream) is the caller's, untouched.
 */
export function declaresJson(headers: Headers): boolean {
  const type = headers.get("content-type");
  return type !== null && JSON_TYPE.test(type);
}
