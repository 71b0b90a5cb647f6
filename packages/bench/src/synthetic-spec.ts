// Makes a synthetic contract N times the size of a real bundled one: every path, operation and
// component is copied N times under new names, so lint, bundle, generate and type-check all see
// N times the work (nothing is shared between copies that would let a tool cache it).

import { type OpenApiDocument, operationsOf } from "@orgadmin/spec/contract";

type Json = unknown;

const REF = /^#\/components\/([^/]+)\/(.+)$/;

/** Deep copy, renaming component references and operationIds with `suffix`. */
function renamed(node: Json, suffix: string): Json {
  if (Array.isArray(node)) return node.map((n) => renamed(n, suffix));
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$ref" && typeof value === "string") {
      const match = REF.exec(value);
      // Security schemes are named by security requirements, not by $ref, so they are not copied.
      out[key] = match && match[1] !== "securitySchemes" ? `${value}${suffix}` : value;
    } else if (key === "operationId" && typeof value === "string") {
      out[key] = `${value}${suffix}`;
    } else {
      out[key] = renamed(value, suffix);
    }
  }
  return out;
}

export function operationCount(doc: Record<string, Json>): number {
  return operationsOf(doc as unknown as OpenApiDocument).length;
}

/** `factor` copies of `doc` in one document; copy 0 keeps the original names. */
export function multiplySpec(doc: Record<string, Json>, factor: number): Record<string, Json> {
  if (!Number.isInteger(factor) || factor < 1) throw new RangeError("factor must be a positive integer");
  const paths: Record<string, Json> = {};
  const sourceComponents = (doc.components ?? {}) as Record<string, Record<string, Json>>;
  const components: Record<string, Record<string, Json>> = {};
  for (let k = 0; k < factor; k++) {
    const suffix = k === 0 ? "" : `Copy${k}`;
    const prefix = k === 0 ? "" : `/copy-${k}`;
    for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Json>)) {
      paths[`${prefix}${path}`] = renamed(item, suffix);
    }
    for (const [type, entries] of Object.entries(sourceComponents)) {
      const target = components[type] ?? {};
      components[type] = target;
      if (type === "securitySchemes") {
        Object.assign(target, entries);
        continue;
      }
      for (const [name, value] of Object.entries(entries))
        target[`${name}${suffix}`] = renamed(value, suffix);
    }
  }
  return { ...doc, paths, components };
}
