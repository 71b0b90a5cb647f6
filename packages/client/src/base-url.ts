import { defaultPathSerializer } from "openapi-fetch";

/**
 * Validate `baseUrl`. Plain `http:` would send the key in clear text, so it is refused unless the host
 * is this machine or the caller explicitly allows it.
 */
export function checkBaseUrl(baseUrl: string | undefined, allowInsecureHttp = false): string {
  if (!baseUrl || !URL.canParse(baseUrl)) throw new TypeError("baseUrl must be an absolute URL");
  const url = new URL(baseUrl);
  if (url.username || url.password || url.search || url.hash) {
    throw new TypeError("baseUrl must not contain credentials, a query or a fragment");
  }
  const secure = url.protocol === "https:";
  const plainAllowed =
    url.protocol === "http:" &&
    (allowInsecureHttp || /^(localhost|\[::1\]|127(\.\d{1,3}){3})$/.test(url.hostname));
  if (!secure && !plainAllowed) {
    throw new TypeError("baseUrl must use https: (http: for loopback or with allowInsecureHttp)");
  }
  return url.href; // openapi-fetch drops a trailing slash itself
}

/**
 * openapi-fetch percent-encodes path parameters, so `/` cannot split a segment. URL parsing still
 * resolves a segment that is exactly `.` or `..` (even as `%2e%2e`), and an empty one collapses the
 * path, so those values are refused before anything is sent.
 */
export function safePathSerializer(pathname: string, params: Record<string, unknown>): string {
  for (const [name, value] of Object.entries(params)) {
    if (value === "" || value === "." || value === "..") {
      throw new TypeError(`path parameter ${name} cannot be ${JSON.stringify(value)}`);
    }
  }
  return defaultPathSerializer(pathname, params);
}
