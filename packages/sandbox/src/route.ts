// Stage 1, route: which API a request is for (by path prefix, which also picks the error shape)
// and which operation or sandbox endpoint it names. Nothing here reads the body or the state.
import type { WireShape } from "./error-shapes.js";
import type { Handler } from "./handlers.js";
import type { Api, CompiledOperation } from "./operations.js";
import { Refusal } from "./refusal.js";
import { findSandboxEndpoint, type SandboxEndpoint } from "./sandbox-endpoints.js";

export interface Mounted {
  api: Api;
  handlers: Record<string, Handler>;
  shape: WireShape;
}

export type Target =
  | {
      kind: "operation";
      mounted: Mounted;
      op: CompiledOperation;
      params: Record<string, string>;
      rawQuery: string;
    }
  | { kind: "sandbox"; endpoint: SandboxEndpoint };

export interface Routed {
  /** The shape every answer to this request takes, errors included. */
  shape: WireShape;
  /** What the request names, or why it names nothing. */
  target: Target | Refusal;
}

/** Path segments `.`/`..` (plain or percent-encoded) would let a URL name another resource. */
function hasDotSegment(rawPath: string): boolean {
  // Most paths hold no dot at all: only those that do are split.
  if (!rawPath.includes(".") && !rawPath.includes("%")) return false;
  return rawPath.split("/").some((s) => /^(\.|%2e){1,2}$/i.test(s));
}

export function splitTarget(url: string | undefined): { pathname: string; rawQuery: string } {
  const raw = url ?? "/";
  const q = raw.indexOf("?");
  return q === -1
    ? { pathname: raw, rawQuery: "" }
    : { pathname: raw.slice(0, q), rawQuery: raw.slice(q + 1) };
}

/** The API a path belongs to, if any. */
export function mountFor(apis: readonly Mounted[], pathname: string): Mounted | undefined {
  return apis.find(({ api }) => pathname === api.prefix || pathname.startsWith(`${api.prefix}/`));
}

/** The methods a known path answers to, for `Allow`: its operations', and HEAD wherever GET is. */
function allowedMethods(api: Api, path: string): string[] {
  const methods = api.operations.filter((op) => op.match(path)).map((op) => op.method);
  if (methods.includes("GET") && !methods.includes("HEAD"))
    methods.splice(methods.indexOf("GET") + 1, 0, "HEAD");
  return methods;
}

/**
 * `outside` is the shape for paths under no API (`/_sandbox/…`, unknown paths, and requests the
 * HTTP layer refuses before a path is known).
 */
export function route(
  apis: readonly Mounted[],
  outside: WireShape,
  method: string,
  url: string | undefined,
): Routed {
  const { pathname, rawQuery } = splitTarget(url);
  const mounted = mountFor(apis, pathname);
  const shape = mounted?.shape ?? outside;
  if (hasDotSegment(pathname)) {
    return { shape, target: new Refusal("unreadable", "Paths may not contain '.' or '..' segments.") };
  }
  if (!mounted) {
    const endpoint = findSandboxEndpoint(method, pathname);
    return {
      shape,
      target: endpoint ? { kind: "sandbox", endpoint } : new Refusal("no_route", "No such resource."),
    };
  }
  const found = mounted.api.find(method, pathname.slice(mounted.api.basePath.length));
  if (found === "no-path") return { shape, target: new Refusal("no_route", "No such resource.") };
  if (found === "no-method") {
    const allow = allowedMethods(mounted.api, pathname.slice(mounted.api.basePath.length));
    const refusal = new Refusal(
      "method_not_allowed",
      `This path has no ${method} operation; it answers to: ${allow.join(", ")}.`,
      { allow },
    );
    return { shape, target: refusal };
  }
  return { shape, target: { kind: "operation", mounted, op: found.op, params: found.params, rawQuery } };
}
