// Classifies the differences between two bundled OpenAPI 3.1 documents by the semver bump they need.
//
// The rule of thumb behind the table: a change is breaking when it shrinks what a consumer may send
// (requests) or grows what a consumer must be ready to receive (responses), or when it changes a
// generated type that consumer code already names (removed fields, removed enum values, operationIds,
// auth), or where consumers send their calls (servers).
//
// Why by hand: no diff tool installable from npm reads OpenAPI 3.1 here (checked with Node 20).
// - `openapi-diff` 0.24.1 installs, but rejects the documents: "Unsupported OpenAPI version: 3.1.0".
// - `@pb33f/openapi-changes` fetches its Go binary in an install script, outside npm; that fetch failed.
// - oasdiff, the most complete classifier, is a Go program with no npm package.
// - `@azure/oad` 0.12.4 installs (134 packages, AutoRest underneath), then fetches an AutoRest core
//   (24 MB) on first run and rejects 3.x input: "not a valid OpenAPI 2.0 definition (expected
//   'swagger: 2.0')". It diffs Azure's Swagger 2.0 specs, and AutoRest itself is deprecated.
// The table below is small enough to read whole; each rule has a case in `test/classify.test.ts`.

import { allOfParts, deref as follow, HTTP_METHODS, isObject } from "@orgadmin/spec/contract";
import { asArray, asObj, canonical, type Json, type Obj, same } from "./json.js";
import { compareServers, effectiveServers, type ServerFinding } from "./servers.js";

export type Level = "breaking" | "minor" | "patch";

export const RULES = {
  "path-removed": { level: "breaking", summary: "path removed" },
  "operation-removed": { level: "breaking", summary: "operation removed" },
  "parameter-removed": { level: "breaking", summary: "parameter removed" },
  "parameter-added-required": { level: "breaking", summary: "new required parameter" },
  "parameter-became-required": { level: "breaking", summary: "parameter became required" },
  "request-body-added-required": { level: "breaking", summary: "new required request body" },
  "request-body-became-required": { level: "breaking", summary: "request body became required" },
  "request-body-removed": { level: "breaking", summary: "request body removed" },
  "request-field-removed": { level: "breaking", summary: "request field removed" },
  "request-field-added-required": { level: "breaking", summary: "new required request field" },
  "request-field-became-required": { level: "breaking", summary: "request field became required" },
  "response-field-removed": { level: "breaking", summary: "response field removed" },
  "response-field-became-optional": { level: "breaking", summary: "response field no longer guaranteed" },
  "enum-value-removed": { level: "breaking", summary: "enum value removed" },
  "response-enum-value-added": { level: "breaking", summary: "response enum value added" },
  "request-type-narrowed": { level: "breaking", summary: "request type narrowed" },
  "response-type-widened": { level: "breaking", summary: "response type widened" },
  "request-bound-narrowed": { level: "breaking", summary: "request bound narrowed" },
  "response-bound-widened": { level: "breaking", summary: "response bound widened" },
  "response-removed": { level: "breaking", summary: "response status removed" },
  "media-type-removed": { level: "breaking", summary: "media type removed" },
  "response-header-removed": { level: "breaking", summary: "response header removed" },
  "response-header-became-optional": { level: "breaking", summary: "response header no longer guaranteed" },
  "security-changed": { level: "breaking", summary: "operation security changed" },
  "security-scheme-changed": { level: "breaking", summary: "security scheme changed or removed" },
  "permission-narrowed": { level: "breaking", summary: "fewer roles may call the operation" },
  // `target_roles`, `keeps_role` and `creator_role` decide what a call does to members' roles: any
  // change to them changes what an existing caller gets.
  "permission-rule-changed": { level: "breaking", summary: "a rule on members' roles changed" },
  // Generated types index operations by operationId (`operations["listMembers"]`): a rename or removal
  // breaks every consumer that names the old key.
  "operation-id-changed": { level: "breaking", summary: "operationId renamed or removed" },
  // Servers are compared as each operation sees them (its own, its path's or the document's). The first
  // is the base URL consumers configure; changing or removing a server sends existing calls to an address
  // (or base path) the API no longer answers on.
  "servers-changed": { level: "breaking", summary: "server URL changed or removed" },
  "server-variable-value-removed": { level: "breaking", summary: "server variable value removed" },
  "server-variable-default-changed": { level: "breaking", summary: "server variable default changed" },

  "path-added": { level: "minor", summary: "path added" },
  "operation-added": { level: "minor", summary: "operation added" },
  "parameter-added-optional": { level: "minor", summary: "new optional parameter" },
  "parameter-became-optional": { level: "minor", summary: "parameter became optional" },
  "request-body-added-optional": { level: "minor", summary: "new optional request body" },
  "request-body-became-optional": { level: "minor", summary: "request body became optional" },
  "request-field-added-optional": { level: "minor", summary: "new optional request field" },
  "request-field-became-optional": { level: "minor", summary: "request field became optional" },
  "response-field-added": { level: "minor", summary: "response field added" },
  "response-field-became-required": { level: "minor", summary: "response field now guaranteed" },
  "request-enum-value-added": { level: "minor", summary: "request enum value added" },
  "request-type-widened": { level: "minor", summary: "request type widened" },
  "response-type-narrowed": { level: "minor", summary: "response type narrowed" },
  "request-bound-widened": { level: "minor", summary: "request bound widened" },
  "response-bound-narrowed": { level: "minor", summary: "response bound narrowed" },
  "response-added": { level: "minor", summary: "response status added" },
  "media-type-added": { level: "minor", summary: "media type added" },
  "security-scheme-added": { level: "minor", summary: "security scheme added" },
  "permission-widened": { level: "minor", summary: "more roles may call the operation" },
  "response-header-added": { level: "minor", summary: "response header added" },
  "response-header-became-required": { level: "minor", summary: "response header now guaranteed" },
  "operation-id-added": { level: "minor", summary: "operationId added" },
  "server-added": { level: "minor", summary: "server added, the first one unchanged" },
  "server-variable-value-added": { level: "minor", summary: "server variable value added" },

  "docs-changed": { level: "patch", summary: "documentation changed" },
  "example-changed": { level: "patch", summary: "example changed" },
  "other-changed": { level: "patch", summary: "other change outside the rule table" },
} as const satisfies Record<string, { level: Level; summary: string }>;

export type Rule = keyof typeof RULES;

export interface Change {
  rule: Rule;
  level: Level;
  /** Where in the API, e.g. `GET /members 200 application/json: members[].role`. */
  where: string;
  detail?: string;
}

type Side = "request" | "response";

const PERMISSION = "x-orgadmin-permission";
const DOC_KEYS = ["description", "summary", "title"] as const;
const EXAMPLE_KEYS = ["example", "examples"] as const;
// Lower bounds: raising them narrows. Upper bounds: lowering them narrows.
const LOWER_BOUNDS = ["minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties"] as const;
const UPPER_BOUNDS = ["maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties"] as const;
// Value constraints with no order: adding one narrows, removing one widens, and replacing one value
// with another does both (the old and the new accept different sets), so it breaks on either side.
// `const` is read as a one-value enum instead (see `values`).
const VALUE_CONSTRAINTS = ["pattern", "format", "contentEncoding", "contentMediaType"] as const;

/** The node behind a `$ref` (siblings win, as in 3.1) as an object: `{}` where it leads nowhere. */
function deref(doc: Obj, node: unknown): { node: Obj; ref?: string } {
  const { node: target, ref } = follow(doc, node);
  return ref === undefined ? { node: asObj(target) } : { node: asObj(target), ref };
}

/** Folds `allOf` parts into one schema so composed objects compare property by property. */
function flatten(doc: Obj, schema: Obj): Obj {
  if (!Array.isArray(schema.allOf)) return schema;
  const properties: Obj = {};
  const required = new Set<string>();
  let merged: Obj = {};
  for (const part of allOfParts(doc, schema) as Obj[]) {
    Object.assign(properties, asObj(part.properties));
    for (const r of asArray(part.required)) required.add(String(r));
    merged = { ...merged, ...part };
  }
  return { ...merged, properties, required: [...required] };
}

function types(schema: Obj): Set<string> | undefined {
  if (typeof schema.type === "string") return new Set([schema.type]);
  if (Array.isArray(schema.type)) return new Set(schema.type.map(String));
  return undefined;
}

// `number` accepts every `integer`, so integer → number widens and number → integer narrows.
const covers = (set: Set<string>, t: string) => set.has(t) || (t === "integer" && set.has("number"));

export class Classifier {
  readonly changes: Change[] = [];
  private readonly seen = new Set<string>();
  /** Server findings per operation, reported together once every operation has been compared. */
  private readonly serverFindings: Array<ServerFinding & { where: string }> = [];
  /** Operations in both documents, by path: the scopes a server finding can cover. */
  private readonly compared = new Map<string, string[]>();

  constructor(
    private readonly before: Obj,
    private readonly after: Obj,
  ) {}

  run(): Change[] {
    this.paths();
    this.servers();
    this.securitySchemes();
    this.docs(asObj(this.before.info), asObj(this.after.info), "info");
    if (this.changes.length === 0 && !same(this.before, this.after)) {
      this.add("other-changed", "document", "the bundles differ outside the rule table");
    }
    return this.changes;
  }

  private add(rule: Rule, where: string, detail?: string) {
    this.changes.push({ rule, level: RULES[rule].level, where, ...(detail ? { detail } : {}) });
  }

  /** Records a narrowing or widening of accepted values, read from the consumer's side. */
  private direction(
    kind: "type" | "bound",
    side: Side,
    narrowed: boolean,
    widened: boolean,
    where: string,
    detail: string,
  ) {
    if (side === "request") {
      if (narrowed) this.add(`request-${kind}-narrowed`, where, detail);
      else if (widened) this.add(`request-${kind}-widened`, where, detail);
    } else if (widened) this.add(`response-${kind}-widened`, where, detail);
    else if (narrowed) this.add(`response-${kind}-narrowed`, where, detail);
  }

  private docs(a: Obj, b: Obj, where: string) {
    for (const key of DOC_KEYS) if (!same(a[key], b[key])) this.add("docs-changed", where, key);
    for (const key of EXAMPLE_KEYS) if (!same(a[key], b[key])) this.add("example-changed", where, key);
  }

  private paths() {
    const a = asObj(this.before.paths);
    const b = asObj(this.after.paths);
    for (const path of Object.keys(a)) {
      if (!(path in b)) this.add("path-removed", path);
    }
    for (const path of Object.keys(b)) {
      if (!(path in a)) this.add("path-added", path);
    }
    for (const path of Object.keys(a).filter((p) => p in b)) {
      const pa = deref(this.before, a[path]).node;
      const pb = deref(this.after, b[path]).node;
      for (const method of HTTP_METHODS) {
        const where = `${method.toUpperCase()} ${path}`;
        if (method in pa && !(method in pb)) this.add("operation-removed", where);
        else if (!(method in pa) && method in pb) this.add("operation-added", where);
        else if (method in pa && method in pb)
          this.operation(path, pa, pb, asObj(pa[method]), asObj(pb[method]), where);
      }
    }
  }

  private operation(path: string, pathA: Obj, pathB: Obj, a: Obj, b: Obj, where: string) {
    this.docs(a, b, where);
    const servers = compareServers(
      effectiveServers(this.before, pathA, a),
      effectiveServers(this.after, pathB, b),
    );
    for (const finding of servers) this.serverFindings.push({ ...finding, where });
    this.compared.set(path, [...(this.compared.get(path) ?? []), where]);
    if (a.operationId !== b.operationId) {
      const detail = `${canonical(a.operationId)} → ${canonical(b.operationId)}`;
      this.add(a.operationId === undefined ? "operation-id-added" : "operation-id-changed", where, detail);
    }
    const securityA = a.security ?? this.before.security ?? [];
    const securityB = b.security ?? this.after.security ?? [];
    if (!same(normaliseSecurity(securityA), normaliseSecurity(securityB))) {
      this.add("security-changed", where, `${canonical(securityA)} → ${canonical(securityB)}`);
    }
    this.permission(a[PERMISSION], b[PERMISSION], where);
    this.parameters(this.params(this.before, pathA, a), this.params(this.after, pathB, b), where);
    this.requestBody(a.requestBody, b.requestBody, where);
    const ra = asObj(a.responses);
    const rb = asObj(b.responses);
    for (const status of Object.keys(ra)) {
      if (!(status in rb)) this.add("response-removed", `${where} ${status}`);
    }
    for (const status of Object.keys(rb)) {
      if (!(status in ra)) this.add("response-added", `${where} ${status}`);
      else {
        const resA = deref(this.before, ra[status]).node;
        const resB = deref(this.after, rb[status]).node;
        this.docs(resA, resB, `${where} ${status}`);
        this.headers(asObj(resA.headers), asObj(resB.headers), `${where} ${status}`);
        this.content(asObj(resA.content), asObj(resB.content), "response", `${where} ${status}`);
      }
    }
  }

  /** The permission matrix (`x-orgadmin-permission`) is authorization: losing a role breaks callers. */
  private permission(rawA: unknown, rawB: unknown, where: string) {
    if (rawA === undefined && rawB === undefined) return;
    const a = asObj(rawA);
    const b = asObj(rawB);
    const rolesA = new Set(asArray(a.roles).map(String));
    const rolesB = new Set(asArray(b.roles).map(String));
    const lost = [...rolesA].filter((r) => !rolesB.has(r));
    const gained = [...rolesB].filter((r) => !rolesA.has(r));
    const at = `${where} ${PERMISSION}`;
    if (rawA === undefined || a.scope !== b.scope || lost.length > 0) {
      this.add("permission-narrowed", at, `${canonical(rawA)} → ${canonical(rawB)}`);
    } else if (rawB === undefined || gained.length > 0) {
      this.add("permission-widened", at, `${canonical(rawA)} → ${canonical(rawB)}`);
    } else if (!same(a.action, b.action)) this.add("docs-changed", at, "action");
    for (const key of ["target_roles", "keeps_role", "creator_role"] as const) {
      if (!same(a[key], b[key])) {
        this.add("permission-rule-changed", `${at} ${key}`, `${canonical(a[key])} → ${canonical(b[key])}`);
      }
    }
  }

  private params(doc: Obj, pathItem: Obj, op: Obj): Map<string, Obj> {
    const byKey = new Map<string, Obj>();
    for (const raw of [...asArray(pathItem.parameters), ...asArray(op.parameters)]) {
      const p = deref(doc, raw).node;
      const name = String(p.name);
      byKey.set(`${p.in} ${p.in === "header" ? name.toLowerCase() : name}`, p);
    }
    return byKey;
  }

  private parameters(a: Map<string, Obj>, b: Map<string, Obj>, where: string) {
    for (const [key, pa] of a) {
      const pb = b.get(key);
      const at = `${where} ${key}`;
      if (!pb) {
        this.add("parameter-removed", at);
        continue;
      }
      if (pa.required !== true && pb.required === true) this.add("parameter-became-required", at);
      if (pa.required === true && pb.required !== true) this.add("parameter-became-optional", at);
      this.docs(pa, pb, at);
      this.schema(pa.schema, pb.schema, "request", at, "");
    }
    for (const [key, pb] of b) {
      if (a.has(key)) continue;
      this.add(
        pb.required === true ? "parameter-added-required" : "parameter-added-optional",
        `${where} ${key}`,
      );
    }
  }

  /**
   * Response headers are what the client reads after a call (`Retry-After` on a 429): compared like
   * parameters, from the receiving side. Names are case-insensitive; `Content-Type` is ignored, as 3.1 says.
   */
  private headers(rawA: Obj, rawB: Obj, where: string) {
    const byName = (doc: Obj, raw: Obj) =>
      new Map(
        Object.entries(raw)
          .filter(([name]) => name.toLowerCase() !== "content-type")
          .map(([name, h]) => [name.toLowerCase(), deref(doc, h).node] as const),
      );
    const a = byName(this.before, rawA);
    const b = byName(this.after, rawB);
    for (const [name, ha] of a) {
      const hb = b.get(name);
      const at = `${where} header ${name}`;
      if (!hb) {
        this.add("response-header-removed", at);
        continue;
      }
      if (ha.required === true && hb.required !== true) this.add("response-header-became-optional", at);
      if (ha.required !== true && hb.required === true) this.add("response-header-became-required", at);
      this.docs(ha, hb, at);
      this.schema(ha.schema, hb.schema, "response", at, "");
      if (isObject(ha.content) || isObject(hb.content)) {
        this.content(asObj(ha.content), asObj(hb.content), "response", at);
      }
    }
    for (const name of b.keys()) {
      if (!a.has(name)) this.add("response-header-added", `${where} header ${name}`);
    }
  }

  /**
   * Reports each server finding once, for the widest scope that has it: the document when every operation
   * in both documents does, a path when each of its operations does, else each operation. A moved base URL
   * then reads as one line, as it was written, not once per operation.
   */
  private servers() {
    const groups = new Map<string, { finding: ServerFinding; operations: Set<string> }>();
    for (const { where, ...finding } of this.serverFindings) {
      const key = `${finding.rule}|${finding.detail}`;
      const group = groups.get(key) ?? { finding, operations: new Set<string>() };
      group.operations.add(where);
      groups.set(key, group);
    }
    const all = [...this.compared.values()].flat();
    for (const { finding, operations } of groups.values()) {
      if (operations.size === all.length) {
        this.add(finding.rule, "document servers", finding.detail);
        continue;
      }
      for (const [path, ops] of this.compared) {
        const hit = ops.filter((op) => operations.has(op));
        if (hit.length > 1 && hit.length === ops.length)
          this.add(finding.rule, `${path} servers`, finding.detail);
        else for (const op of hit) this.add(finding.rule, `${op} servers`, finding.detail);
      }
    }
  }

  private requestBody(rawA: unknown, rawB: unknown, where: string) {
    const at = `${where} request body`;
    if (rawA === undefined && rawB === undefined) return;
    const b = deref(this.after, rawB).node;
    if (rawA === undefined) {
      this.add(b.required === true ? "request-body-added-required" : "request-body-added-optional", at);
      return;
    }
    const a = deref(this.before, rawA).node;
    if (rawB === undefined) {
      this.add("request-body-removed", at);
      return;
    }
    if (a.required !== true && b.required === true) this.add("request-body-became-required", at);
    if (a.required === true && b.required !== true) this.add("request-body-became-optional", at);
    this.docs(a, b, at);
    this.content(asObj(a.content), asObj(b.content), "request", at);
  }

  private content(a: Obj, b: Obj, side: Side, where: string) {
    for (const type of Object.keys(a)) {
      if (!(type in b)) this.add("media-type-removed", `${where} ${type}`);
    }
    for (const type of Object.keys(b)) {
      if (!(type in a)) this.add("media-type-added", `${where} ${type}`);
      else {
        const ma = asObj(a[type]);
        const mb = asObj(b[type]);
        for (const key of EXAMPLE_KEYS) {
          if (!same(ma[key], mb[key])) this.add("example-changed", `${where} ${type}`, key);
        }
        this.schema(ma.schema, mb.schema, side, `${where} ${type}`, "");
      }
    }
  }

  private schema(rawA: unknown, rawB: unknown, side: Side, where: string, field: string) {
    if (rawA === undefined || rawB === undefined) return;
    const ra = deref(this.before, rawA);
    const rb = deref(this.after, rawB);
    // Recursive schemas: compare each pair of referenced schemas once per place.
    if (ra.ref || rb.ref) {
      const key = `${side}|${where}|${ra.ref}|${rb.ref}`;
      if (this.seen.has(key)) return;
      this.seen.add(key);
    }
    const a = flatten(this.before, ra.node);
    const b = flatten(this.after, rb.node);
    const at = field ? `${where}: ${field}` : where;
    this.docs(a, b, at);

    const ta = types(a);
    const tb = types(b);
    if (ta && tb) {
      const lost = [...ta].filter((t) => !covers(tb, t));
      const gained = [...tb].filter((t) => !covers(ta, t));
      this.direction("type", side, lost.length > 0, gained.length > 0, at, `${[...ta]} → ${[...tb]}`);
    } else if (ta || tb) {
      this.direction("type", side, !ta, !tb, at, `${ta ? [...ta] : "any"} → ${tb ? [...tb] : "any"}`);
    }

    this.enums(a, b, side, at);
    this.bounds(a, b, side, at);
    this.properties(a, b, side, where, field);
    this.variants(a, b, side, where, field);
    this.schema(a.items, b.items, side, where, `${field}[]`);
    if (isObject(a.additionalProperties) || isObject(b.additionalProperties)) {
      this.schema(a.additionalProperties, b.additionalProperties, side, where, `${field}{}`);
    }
    const closedA = a.additionalProperties === false;
    const closedB = b.additionalProperties === false;
    if (closedA !== closedB) {
      this.direction("type", side, closedB, closedA, at, `additionalProperties ${!closedA} → ${!closedB}`);
    }
  }

  private enums(a: Obj, b: Obj, side: Side, at: string) {
    const listA = values(a);
    const listB = values(b);
    if (!listA && !listB) return;
    if (!listA || !listB) {
      // An enum appearing narrows to its values; one disappearing widens to the whole type.
      this.direction("type", side, !listA, !listB, at, "enum");
      return;
    }
    const va = new Set(listA.map(canonical));
    const vb = new Set(listB.map(canonical));
    for (const v of va) if (!vb.has(v)) this.add("enum-value-removed", at, v);
    for (const v of vb) {
      if (!va.has(v))
        this.add(side === "request" ? "request-enum-value-added" : "response-enum-value-added", at, v);
    }
  }

  private bounds(a: Obj, b: Obj, side: Side, at: string) {
    const check = (key: string, narrowed: boolean, widened: boolean) => {
      if (narrowed || widened)
        this.direction(
          "bound",
          side,
          narrowed,
          widened,
          at,
          `${key} ${canonical(a[key])} → ${canonical(b[key])}`,
        );
    };
    for (const key of LOWER_BOUNDS) {
      const x = a[key];
      const y = b[key];
      if (x === y) continue;
      check(
        key,
        typeof y === "number" && (typeof x !== "number" || y > x),
        typeof x === "number" && (typeof y !== "number" || y < x),
      );
    }
    for (const key of UPPER_BOUNDS) {
      const x = a[key];
      const y = b[key];
      if (x === y) continue;
      check(
        key,
        typeof y === "number" && (typeof x !== "number" || y < x),
        typeof x === "number" && (typeof y !== "number" || y > x),
      );
    }
    for (const key of VALUE_CONSTRAINTS) {
      if (same(a[key], b[key])) continue;
      check(key, b[key] !== undefined, a[key] !== undefined);
    }
    // A multiple of the old step only narrows (2 → 4); a divisor only widens (4 → 2); anything else both.
    const stepA = a.multipleOf;
    const stepB = b.multipleOf;
    if (!same(stepA, stepB)) {
      const divides = (x: unknown, y: unknown) => {
        const rx = typeof x === "number" ? rational(x) : undefined;
        const ry = typeof y === "number" ? rational(y) : undefined;
        // y / x = (ny·dx) / (dy·nx), an integer when the denominator divides the numerator.
        return !!rx && !!ry && rx.n > 0n && (ry.n * rx.d) % (ry.d * rx.n) === 0n;
      };
      check(
        "multipleOf",
        stepB !== undefined && !divides(stepB, stepA),
        stepA !== undefined && !divides(stepA, stepB),
      );
    }
    if ((a.uniqueItems === true) !== (b.uniqueItems === true)) {
      check("uniqueItems", b.uniqueItems === true, a.uniqueItems === true);
    }
  }

  private properties(a: Obj, b: Obj, side: Side, where: string, field: string) {
    const pa = asObj(a.properties);
    const pb = asObj(b.properties);
    const reqA = new Set(asArray(a.required).map(String));
    const reqB = new Set(asArray(b.required).map(String));
    const name = (p: string) => (field ? `${field}.${p}` : p);
    for (const p of Object.keys(pa)) {
      const at = `${where}: ${name(p)}`;
      if (!(p in pb)) {
        this.add(side === "request" ? "request-field-removed" : "response-field-removed", at);
        continue;
      }
      if (!reqA.has(p) && reqB.has(p)) {
        this.add(side === "request" ? "request-field-became-required" : "response-field-became-required", at);
      }
      if (reqA.has(p) && !reqB.has(p)) {
        this.add(side === "request" ? "request-field-became-optional" : "response-field-became-optional", at);
      }
      this.schema(pa[p], pb[p], side, where, name(p));
    }
    for (const p of Object.keys(pb)) {
      if (p in pa) continue;
      const at = `${where}: ${name(p)}`;
      if (side === "response") this.add("response-field-added", at);
      else this.add(reqB.has(p) ? "request-field-added-required" : "request-field-added-optional", at);
    }
  }

  /** `oneOf`/`anyOf` variants compare by position; a lost variant narrows, a new one widens. */
  private variants(a: Obj, b: Obj, side: Side, where: string, field: string) {
    for (const key of ["oneOf", "anyOf"] as const) {
      const va = asArray(a[key]);
      const vb = asArray(b[key]);
      if (va.length === 0 && vb.length === 0) continue;
      const shared = Math.min(va.length, vb.length);
      for (let i = 0; i < shared; i++) this.schema(va[i], vb[i], side, where, `${field}<${key} ${i}>`);
      const at = field ? `${where}: ${field}` : where;
      if (va.length !== vb.length) {
        this.direction(
          "type",
          side,
          vb.length < va.length,
          vb.length > va.length,
          at,
          `${key} ${va.length} → ${vb.length}`,
        );
      }
    }
  }

  private securitySchemes() {
    const a = asObj(asObj(this.before.components).securitySchemes);
    const b = asObj(asObj(this.after.components).securitySchemes);
    const strip = (s: Json | undefined) => {
      const { description: _d, ...rest } = asObj(s);
      return rest;
    };
    for (const name of Object.keys(a)) {
      if (!(name in b)) this.add("security-scheme-changed", `securityScheme ${name}`, "removed");
      else if (!same(strip(a[name]), strip(b[name])))
        this.add("security-scheme-changed", `securityScheme ${name}`);
    }
    for (const name of Object.keys(b)) {
      if (!(name in a)) this.add("security-scheme-added", `securityScheme ${name}`);
    }
  }
}

/**
 * The values a schema accepts when it lists them: `const` is a one-value `enum` (both generate the same
 * literal type), and with both only the enum values equal to the const remain.
 */
function values(schema: Obj): Json[] | undefined {
  if (schema.const === undefined) return Array.isArray(schema.enum) ? schema.enum : undefined;
  const only = schema.const;
  return Array.isArray(schema.enum) ? schema.enum.filter((v) => same(v, only)) : [only];
}

/**
 * A number as the exact fraction its shortest decimal form writes (0.3 is 3/10, not the nearest binary
 * float), so steps written in a document compare as written: 0.1 divides 0.3.
 */
function rational(x: number): { n: bigint; d: bigint } | undefined {
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  if (!m) return undefined;
  const [, whole = "", fraction = "", exponent = "0"] = m;
  const scale = Number(exponent) - fraction.length;
  const digits = BigInt(whole + fraction);
  return scale >= 0 ? { n: digits * 10n ** BigInt(scale), d: 1n } : { n: digits, d: 10n ** BigInt(-scale) };
}

/** Security requirements are sets of alternatives; order of alternatives and scopes carries no meaning. */
function normaliseSecurity(security: unknown): string[] {
  return asArray(security)
    .map((req) =>
      canonical(
        Object.fromEntries(Object.entries(asObj(req)).map(([k, v]) => [k, asArray(v).map(String).sort()])),
      ),
    )
    .sort();
}

export function classify(before: unknown, after: unknown): Change[] {
  return new Classifier(asObj(before), asObj(after)).run();
}

const ORDER: Record<Level, number> = { patch: 0, minor: 1, breaking: 2 };

/** The semver bump a list of changes needs: `none` when the contract did not change. */
export function requiredBump(changes: readonly Change[]): "major" | "minor" | "patch" | "none" {
  if (changes.length === 0) return "none";
  const top = Math.max(...changes.map((c) => ORDER[c.level]));
  return top === 2 ? "major" : top === 1 ? "minor" : "patch";
}
