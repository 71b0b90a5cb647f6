// Walking composed schemas: the one `allOf` walker of the workspace.
import { deref, isObject } from "./refs.js";

/**
 * The parts a schema is composed of, each resolved through `$ref`s: every `allOf` member's parts in
 * order (members of members first), then the schema's own keys without `allOf`. A schema without
 * `allOf` is its own one part. A member that refers back to a schema being walked is skipped.
 */
export function allOfParts(
  doc: unknown,
  schema: unknown,
  walking = new Set<string>(),
): Record<string, unknown>[] {
  const { node, ref } = deref(doc, schema);
  if (!isObject(node) || (ref !== undefined && walking.has(ref))) return [];
  if (!Array.isArray(node.allOf)) return [node];
  const inside = ref === undefined ? walking : new Set([...walking, ref]);
  const { allOf, ...own } = node;
  return [...allOf.flatMap((member) => allOfParts(doc, member, inside)), own];
}
