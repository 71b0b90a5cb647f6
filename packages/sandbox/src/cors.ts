// CORS, so that a page on another origin (an admin dashboard in development) can call the
// sandbox: preflights answered, and every answer, errors included, readable by an allowed origin
// with the headers the client reads exposed. Written here rather than taken from the `cors`
// middleware: the same headers must also go on answers written straight to the socket by the
// HTTP layer (431, 408, …), where there is no response object for a middleware to set them on.
import type { IncomingHttpHeaders } from "node:http";

/** How long a browser may reuse a preflight's answer, in seconds. */
const MAX_AGE = 600;
/** The answer headers the client reads (`ApiError.requestId`, the retry wait). */
const EXPOSED = "Retry-After, X-Request-Id";
/** Headers a preflight allows when it names none. */
const DEFAULT_HEADERS = "Authorization, Content-Type";

export interface Cors {
  /** Headers for any answer to a request with these headers. */
  headers(request: IncomingHttpHeaders): Record<string, string>;
  /** A preflight (OPTIONS with Origin and Access-Control-Request-Method)? */
  isPreflight(method: string | undefined, request: IncomingHttpHeaders): boolean;
  /** Whether a preflight from this request's origin is allowed. */
  allows(request: IncomingHttpHeaders): boolean;
  /** The headers of an allowed preflight's 204. */
  preflightHeaders(request: IncomingHttpHeaders): Record<string, string>;
}

/** `--cors-origin`: `*`, or an origin exactly as a browser sends it (scheme, host, port if not the default). */
export function parseCorsOrigin(text: string): string {
  if (text === "*") return text;
  let origin: string | undefined;
  try {
    origin = new URL(text).origin;
  } catch {}
  if (origin !== text || origin === "null") {
    // The value is not repeated: a misplaced argument may be a secret.
    throw new Error("must be * or an origin such as https://admin.example.com (scheme and host, no path)");
  }
  return text;
}

/** `localhost` and its subdomains, 127.0.0.0/8 and ::1, over http or https. */
export function isLoopbackOrigin(origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  const host = url.hostname;
  return (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    host === "[::1]" ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}

/**
 * `origins`: the allowed origins exactly as browsers send them (`https://admin.example.com`), or
 * `*` for any; omitted, any loopback origin. `methods`: every method an operation uses.
 */
export function createCors(origins: readonly string[] | undefined, methods: readonly string[]): Cors {
  const listed = new Set(origins);
  const allowed = (origin: string): boolean =>
    // Printable ASCII only: the origin is echoed in a header, some written straight to the socket.
    /^[!-~]+$/.test(origin) &&
    (origins === undefined ? isLoopbackOrigin(origin) : listed.has("*") || listed.has(origin));
  const allowMethods = [...new Set([...methods, "HEAD"])].join(", ");
  const originOf = (request: IncomingHttpHeaders): string | undefined => {
    const origin = request.origin;
    return origin && allowed(origin) ? origin : undefined;
  };
  return {
    headers(request): Record<string, string> {
      const origin = originOf(request);
      // Every answer depends on the Origin, so every answer says so: a cache must not serve the
      // answer to a request without one (no CORS headers) to a page that sends one.
      if (!origin) return { Vary: "Origin" };
      return {
        "Access-Control-Allow-Origin": origin,
        "Access-Control-Expose-Headers": EXPOSED,
        Vary: "Origin",
      };
    },
    isPreflight: (method, request) =>
      method === "OPTIONS" &&
      request.origin !== undefined &&
      request["access-control-request-method"] !== undefined,
    allows: (request) => originOf(request) !== undefined,
    preflightHeaders(request) {
      return {
        ...this.headers(request),
        "Access-Control-Allow-Methods": allowMethods,
        // The headers the page's client sends: whatever the browser says it will send.
        "Access-Control-Allow-Headers": request["access-control-request-headers"] ?? DEFAULT_HEADERS,
        "Access-Control-Max-Age": String(MAX_AGE),
        Vary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
      };
    },
  };
}
