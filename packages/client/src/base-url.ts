function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Validate `baseUrl` and drop a trailing slash. Plain `http:` would send the key in clear text, so it
 * is refused unless the host is this machine or the caller explicitly allows it.
 */
export function checkBaseUrl(baseUrl: string | undefined, allowInsecureHttp = false): string {
  if (!baseUrl) throw new TypeError("baseUrl is required, e.g. https://api.example.com");
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`baseUrl is not an absolute URL: ${JSON.stringify(baseUrl)}`);
  }
  if (url.username || url.password) {
    throw new TypeError("baseUrl must not contain credentials");
  }
  if (url.search || url.hash) throw new TypeError("baseUrl must not contain a query or fragment");
  const secure = url.protocol === "https:";
  const plainAllowed = url.protocol === "http:" && (allowInsecureHttp || isLoopback(url.hostname));
  if (!secure && !plainAllowed) {
    throw new TypeError(
      `baseUrl must use https: (plain http: only for loopback hosts, or with allowInsecureHttp)`,
    );
  }
  return url.href.replace(/\/+$/, "");
}
