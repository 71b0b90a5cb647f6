// Compares the servers one operation is called on, before and after.
//
// Servers may sit on the document, a path or an operation; only the list that applies to an operation
// matters to its callers, so moving the same list between levels changes nothing. Servers match by
// URL template; the first one is the default base URL generated clients and docs use.

import { asArray, asObj, canonical, type Json, same } from "./json.js";

export type ServerRule =
  | "servers-changed"
  | "server-added"
  | "server-variable-value-removed"
  | "server-variable-default-changed"
  | "server-variable-value-added"
  | "docs-changed";

export interface ServerFinding {
  rule: ServerRule;
  detail: string;
}

/**
 * The servers an operation is called on: the nearest level that names any. An empty list names none
 * (the document level says so; the other levels follow it), and no servers at all means `/`.
 */
export function effectiveServers(doc: unknown, pathItem: unknown, op: unknown): Json[] {
  for (const level of [op, pathItem, doc]) {
    const servers = asArray(asObj(level).servers);
    if (servers.length > 0) return servers;
  }
  return [{ url: "/" }];
}

/** A server as consumers configure it: its URL and variables, without descriptions. */
function configured(server: Json): string {
  const { description: _d, variables, ...rest } = asObj(server);
  const vars = Object.fromEntries(
    Object.entries(asObj(variables)).map(([name, v]) => {
      const { description: _vd, ...value } = asObj(v);
      return [name, value];
    }),
  );
  return canonical({ ...rest, variables: vars });
}

const urlOf = (server: Json) => String(asObj(server).url);

/** What a server says about itself and its variables, for the reader. */
function described(server: Json): string {
  const { description, variables } = asObj(server);
  const vars = Object.entries(asObj(variables)).map(([name, v]) => [name, asObj(v).description]);
  return canonical({ description, variables: Object.fromEntries(vars) });
}

export function compareServers(a: Json[], b: Json[]): ServerFinding[] {
  if (same(a, b)) return [];
  const findings: ServerFinding[] = [];
  const byUrl = new Map(b.map((s) => [urlOf(s), s]));
  const urlsA = new Set(a.map(urlOf));
  const firstMoved = a[0] !== undefined && b[0] !== undefined && urlOf(a[0]) !== urlOf(b[0]);
  const lost = a.some((s) => !byUrl.has(urlOf(s)));
  if (lost || firstMoved) {
    findings.push({
      rule: "servers-changed",
      detail: `${a.map(configured).join(", ")} → ${b.map(configured).join(", ")}`,
    });
  } else {
    const added = b.filter((s) => !urlsA.has(urlOf(s)));
    if (added.length > 0) findings.push({ rule: "server-added", detail: added.map(configured).join(", ") });
  }
  let redescribed = false;
  for (const sa of a) {
    const sb = byUrl.get(urlOf(sa));
    if (sb === undefined) continue;
    findings.push(...variables(urlOf(sa), asObj(asObj(sa).variables), asObj(asObj(sb).variables)));
    redescribed ||= described(sa) !== described(sb);
  }
  if (redescribed) findings.push({ rule: "docs-changed", detail: "description" });
  return findings;
}

/**
 * Variables of one server, field by field. Callers pick a value from `enum` and get `default` when they
 * pick none: a lost value or a new default changes what existing calls reach; a new value only adds.
 */
function variables(url: string, a: Record<string, Json>, b: Record<string, Json>): ServerFinding[] {
  const findings: ServerFinding[] = [];
  for (const [name, rawA] of Object.entries(a)) {
    const at = `${url} {${name}}`;
    const va = asObj(rawA);
    if (!(name in b)) {
      findings.push({ rule: "servers-changed", detail: `${at} removed` });
      continue;
    }
    const vb = asObj(b[name]);
    if (!same(va.default, vb.default)) {
      findings.push({
        rule: "server-variable-default-changed",
        detail: `${at} ${canonical(va.default)} → ${canonical(vb.default)}`,
      });
    }
    const enumA = Array.isArray(va.enum) ? new Set(va.enum.map(canonical)) : undefined;
    const enumB = Array.isArray(vb.enum) ? new Set(vb.enum.map(canonical)) : undefined;
    // No enum accepts any string: an enum appearing keeps only its values, one disappearing adds the rest.
    if (enumA === undefined && enumB !== undefined) {
      findings.push({ rule: "server-variable-value-removed", detail: `${at} only ${[...enumB].join(", ")}` });
    } else if (enumA !== undefined && enumB === undefined) {
      findings.push({ rule: "server-variable-value-added", detail: `${at} any value` });
    } else if (enumA !== undefined && enumB !== undefined) {
      for (const v of enumA) {
        if (!enumB.has(v)) findings.push({ rule: "server-variable-value-removed", detail: `${at} ${v}` });
      }
      for (const v of enumB) {
        if (!enumA.has(v)) findings.push({ rule: "server-variable-value-added", detail: `${at} ${v}` });
      }
    }
  }
  for (const name of Object.keys(b)) {
    if (!(name in a))
      findings.push({ rule: "server-variable-value-added", detail: `${url} {${name}} added` });
  }
  return findings;
}
