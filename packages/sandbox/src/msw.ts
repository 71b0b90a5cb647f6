// `@orgadmin/sandbox/msw`: MSW request handlers that answer both APIs from an in-process sandbox,
// for `setupServer(...handlers(sandbox))` in Node and `setupWorker(...handlers(sandbox))` in a
// browser. By default they answer at the spec's server URLs, so an app using the client's default
// base URLs is intercepted as it is; options move them. A request under neither base URL is not
// theirs: MSW lets it through (or warns, as its `onUnhandledFrame` option says).
import { basePath, defaultServerUrl } from "@orgadmin/spec/portable";
import { type HttpHandler, HttpResponse, http } from "msw";
import type { SandboxCore } from "./core.js";
import { DOCUMENTS } from "./documents.js";
import { routePrefix } from "./operations.js";

export interface HandlersOptions {
  /** Where the app calls the Organizations API v1 (scheme and host). Default: the spec's server URL. */
  organizationsUrl?: string;
  /** Where the app calls the Enterprise admin API v2 (its base URL). Default: the spec's server URL. */
  enterpriseUrl?: string;
}

/** One API's base URL as the app calls it, and what the sandbox routes on instead of it. */
interface Mount {
  base: URL;
  /** The sandbox's path for the base URL's path (the spec server's base path). */
  sandboxBase: string;
  /** Paths below the base that are this API's (its route prefix); v1's host also has `/_sandbox/`. */
  owns: (path: string) => boolean;
}

const trim = (path: string) => path.replace(/\/+$/, "");
const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

function mount(url: string, api: keyof typeof DOCUMENTS, extra: string[] = []): Mount {
  const doc = DOCUMENTS[api];
  const sandboxBase = basePath(doc);
  const prefixes = [routePrefix(doc), ...extra];
  return {
    base: new URL(url),
    sandboxBase,
    owns: (path) => prefixes.some((prefix) => under(path, prefix)),
  };
}

/** The sandbox path of a request's URL under a mount, or undefined when the mount does not own it. */
function sandboxPath(m: Mount, url: URL): string | undefined {
  if (url.origin !== m.base.origin) return undefined;
  const base = trim(m.base.pathname);
  if (base && !under(url.pathname, base)) return undefined;
  const path = `${m.sandboxBase}${url.pathname.slice(base.length)}`;
  return m.owns(path) ? path : undefined;
}

/** Handlers serving both APIs from `sandbox`; put them first in `setupServer` / `setupWorker`. */
export function handlers(sandbox: Pick<SandboxCore, "fetch">, options: HandlersOptions = {}): HttpHandler[] {
  const mounts = [
    mount(options.enterpriseUrl ?? defaultServerUrl(DOCUMENTS.enterprise), "enterprise"),
    mount(options.organizationsUrl ?? defaultServerUrl(DOCUMENTS.organizations), "organizations", [
      "/_sandbox",
    ]),
  ];
  const owned = (request: Request): string | undefined => {
    const url = new URL(request.url);
    for (const m of mounts) {
      const path = sandboxPath(m, url);
      if (path !== undefined) return `${path}${url.search}`;
    }
    return undefined;
  };
  return [
    http.all(
      ({ request }) => owned(request) !== undefined,
      async ({ request }) => {
        const target = owned(request) ?? "/";
        const url = new URL(request.url);
        const moved =
          target === `${url.pathname}${url.search}`
            ? request
            : new Request(new URL(target, url.origin), {
                method: request.method,
                headers: request.headers,
                body:
                  request.method === "GET" || request.method === "HEAD" ? null : await request.arrayBuffer(),
              });
        try {
          return await sandbox.fetch(moved);
        } catch (error) {
          // A scenario's network failure (or the sandbox failing): the app sees a network error.
          if (error instanceof TypeError) return HttpResponse.error();
          throw error;
        }
      },
    ),
  ];
}
