function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Validate `baseUrl` and drop a trailing slash. Plain `http:` would send the key in clear text, so it
 * is refused unless the host is this machine or the caller explicitly allows it.
 */
export function checkBaseUrl(baseUrl: string | undefined, allowInsecureHttp = false): string {
  if (!baseUrl) throw new TypeError("baseUrl is required");
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError("baseUrl is not an absolute URL");
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new TypeError("baseUrl must not contain credentials, a query or a fragment");
  }
  const secure = url.protocol === "https:";
  const plainAllowed = url.protocol === "http:" && (allowInsecureHttp || isLoopback(url.hostname));
  if (!secure && !plainAllowed) {
    throw new TypeError("baseUrl must use https: (http: only for loopback, or with allowInsecureHttp)");
  }
  return url.href.replace(/\/+$/, "");
}
