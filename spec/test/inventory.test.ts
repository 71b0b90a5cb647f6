// The bundled documents carry every operation of the seed inventory with the seed's field names
// and every documented error status.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../src/document.js";
import { operationsOf } from "../src/operations.js";
import { resolveRef } from "../src/refs.js";

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
type Doc = { openapi: string; jsonSchemaDialect: string; paths: Record<string, Record<string, Operation>> };
type Operation = {
  operationId: string;
  security?: unknown;
  responses: Record<string, { content?: Record<string, unknown>; headers?: Record<string, unknown> }>;
  "x-orgadmin-permission"?: { scope: string; roles?: string[] };
};

const load = (name: string): Doc => JSON.parse(readFileSync(join(dist, `${name}.json`), "utf8"));

const enterprise: Array<[string, string, string, string[]]> = [
  ["get", "/members", "listMembers", ["401", "403", "429"]],
  ["post", "/organizations", "createOrganization", ["400", "401", "403", "409", "422", "429"]],
  ["get", "/consumption/cycles", "listConsumptionCycles", ["401", "403", "429"]],
  ["get", "/sessions/insights", "listSessionInsights", ["401", "403", "422", "429"]],
  ["post", "/members/invite", "inviteMembers", ["400", "401", "403", "422", "429"]],
  ["get", "/audit-logs", "listAuditLogs", ["401", "403", "422", "429"]],
  [
    "post",
    "/organizations/{org_id}/permissions",
    "addRepositoryPermission",
    ["400", "401", "403", "404", "422", "429"],
  ],
];
const organizations: Array<[string, string, string, string[], string[] | "account"]> = [
  ["post", "/v1/organizations", "createOrganization", ["400", "401", "409"], "account"],
  ["get", "/v1/organizations", "listOrganizations", ["400", "401"], "account"],
  [
    "get",
    "/v1/organizations/{organization_id}",
    "getOrganization",
    ["400", "401", "403", "404"],
    ["owner", "admin", "member"],
  ],
  [
    "put",
    "/v1/organizations/{organization_id}",
    "updateOrganization",
    ["400", "401", "403", "404", "409"],
    ["owner", "admin"],
  ],
  [
    "delete",
    "/v1/organizations/{organization_id}",
    "deleteOrganization",
    ["400", "401", "403", "404"],
    ["owner"],
  ],
  [
    "post",
    "/v1/organizations/{organization_id}/invitations",
    "createInvitation",
    ["400", "401", "403", "404", "409"],
    ["owner", "admin"],
  ],
  [
    "get",
    "/v1/organizations/{organization_id}/members",
    "listMembers",
    ["400", "401", "403", "404"],
    ["owner", "admin", "member"],
  ],
  [
    "put",
    "/v1/organizations/{organization_id}/members/{member_id}",
    "updateMemberRole",
    ["400", "401", "403", "404", "409"],
    ["owner", "admin"],
  ],
  [
    "delete",
    "/v1/organizations/{organization_id}/members/{member_id}",
    "removeMember",
    ["400", "401", "403", "404", "409"],
    ["owner", "admin"],
  ],
];

/** Follows local `$ref`s (`#/components/...`) to their target, with the contract reader. */
const deref = <T>(doc: unknown, node: T): T => resolveRef<T>(doc, node);

/** Every property name reachable from a bundled schema, following local $refs. */
function fieldNames(doc: unknown, node: unknown, seen = new Set<unknown>()): Set<string> {
  const names = new Set<string>();
  const walk = (n: unknown): void => {
    if (!n || typeof n !== "object" || seen.has(n)) return;
    seen.add(n);
    const obj = n as Record<string, unknown>;
    if (typeof obj.$ref === "string") walk(deref(doc, obj));
    if (obj.properties && typeof obj.properties === "object") {
      for (const key of Object.keys(obj.properties)) names.add(key);
    }
    for (const value of Object.values(obj)) walk(value);
  };
  walk(node);
  return names;
}

describe.each([
  ["enterprise", enterprise.map(([m, p, id, e]) => [m, p, id, e, undefined] as const)],
  ["organizations", organizations],
] as const)("%s bundle", (name, inventory) => {
  let doc: Doc;
  beforeAll(() => {
    doc = load(name);
  });

  it("is OpenAPI 3.1 with the 2020-12 dialect", () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.jsonSchemaDialect).toBe("https://json-schema.org/draft/2020-12/schema");
  });

  it("holds exactly the inventory's operations", () => {
    // Every method a path item can hold: an extra HEAD or OPTIONS operation is found too.
    const found = operationsOf(doc as unknown as OpenApiDocument).map(
      ({ method, path, operation }) => `${method.toUpperCase()} ${path} ${operation.operationId}`,
    );
    expect(found.sort()).toEqual(inventory.map(([m, p, id]) => `${m.toUpperCase()} ${p} ${id}`).sort());
  });

  it.each(inventory)(
    "%s %s (%s) documents its success and every error",
    (method, path, _id, errors, roles) => {
      const op = doc.paths[path]?.[method];
      expect(op).toBeDefined();
      if (!op) return;
      // The HTTP layer's answers: one shared `default` response on every operation.
      expect(op.responses.default).toEqual({ $ref: "#/components/responses/TransportError" });
      const statuses = Object.keys(op.responses).filter((s) => s !== "default");
      expect(statuses.filter((s) => s.startsWith("2"))).toHaveLength(1);
      expect(statuses.filter((s) => !s.startsWith("2")).sort()).toEqual([...errors].sort());
      const responses = Object.fromEntries(statuses.map((s) => [s, deref(doc, op.responses[s])]));
      for (const status of statuses) expect(responses[status]?.content).toHaveProperty(["application/json"]);
      if (errors.includes("429")) expect(responses["429"]?.headers).toHaveProperty("Retry-After");
      if (roles === "account") expect(op["x-orgadmin-permission"]).toMatchObject({ scope: "account" });
      else if (roles)
        expect(op["x-orgadmin-permission"]).toEqual(
          expect.objectContaining({ scope: "organization", roles }),
        );
    },
  );
});

describe("seed field names", () => {
  it.each([
    [
      "enterprise",
      [
        "members",
        "email",
        "role",
        "id",
        "name",
        "acu_limit",
        "cycles",
        "start_date",
        "end_date",
        "acus_used",
        "sessions",
        "insight",
        "emails",
        "invited",
        "logs",
        "timestamp",
        "action",
        "actor",
        "provider",
        "repository",
        "permission",
      ],
    ],
    [
      "organizations",
      [
        "status_code",
        "status_message",
        "data",
        "id",
        "name",
        "description",
        "created_at",
        "updated_at",
        "settings",
        "default_role",
        "allow_public_projects",
        "owner",
        "email",
        "username",
        "organizations",
        "role",
        "total",
        "page",
        "page_size",
        "members_count",
        "projects_count",
        "message",
        "invitation_id",
        "expires_at",
        "status",
        "members",
        "joined_at",
      ],
    ],
  ])("%s carries every field the seed reads", (name, fields) => {
    const doc = load(name);
    const names = fieldNames(doc, doc.paths);
    for (const field of fields) expect(names, field).toContain(field);
  });
});
