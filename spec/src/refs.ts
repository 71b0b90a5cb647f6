// `$ref` resolution and JSON pointers inside one bundled document (bundles hold only local refs).

/** Unescapes one JSON pointer segment (`~1` → `/`, `~0` → `~`). */
export const unescapePointer = (segment: string): string => segment.replace(/~1/g, "/").replace(/~0/g, "~");
/** Escapes one JSON pointer segment, e.g. a path template: `/a/{id}` → `~1a~1{id}`. */
export const escapePointer = (segment: string): string => segment.replace(/~/g, "~0").replace(/\//g, "~1");

/** A JSON object (not an array, not null). */
export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The value at a JSON pointer (`/components/schemas/Member`), or undefined. */
export function atPointer(doc: unknown, pointer: string): unknown {
  if (pointer === "") return doc;
  let at: unknown = doc;
  for (const part of pointer.slice(1).split("/")) {
    if (!isObject(at) && !Array.isArray(at)) return undefined;
    at = (at as Record<string, unknown>)[unescapePointer(part)];
  }
  return at;
}

export interface Resolved {
  /** The node the reference leads to, `$ref` siblings applied; undefined when it leads nowhere. */
  node: unknown;
  /** The first `$ref` followed, when `node` was a reference. */
  ref?: string;
  /** JSON pointer of the node reached through references (the last one's target), when one was. */
  pointer?: string;
}

/**
 * Follows local `$ref`s (chains included) from `node`. Siblings of a `$ref` win over the target's
 * keys, as in 3.1. A reference that is not local (`#/…`), or that loops, leads nowhere.
 */
export function deref(doc: unknown, node: unknown, seen = new Set<string>()): Resolved {
  if (!isObject(node) || typeof node.$ref !== "string") return { node };
  const ref = node.$ref;
  if (seen.has(ref) || !ref.startsWith("#/")) return { node: undefined, ref };
  seen.add(ref);
  const { $ref: _ref, ...siblings } = node;
  const inner = deref(doc, atPointer(doc, ref.slice(1)), seen);
  const at = inner.node === undefined ? {} : { pointer: inner.pointer ?? ref.slice(1) };
  if (Object.keys(siblings).length === 0) return { node: inner.node, ref, ...at };
  return { node: { ...(isObject(inner.node) ? inner.node : {}), ...siblings }, ref, ...at };
}

/** `deref(doc, node).node`, typed as what the caller expects to find there. */
export function resolveRef<T>(doc: unknown, node: unknown): T {
  return deref(doc, node).node as T;
}
