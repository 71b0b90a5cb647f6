import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { API_NAMES, bundlePath, isApiName, readBundle } from "../../src/apis.js";
import type { OpenApiDocument } from "../../src/document.js";
import {
  basePath,
  defaultServerUrl,
  envelopeMessages,
  permissionMatrix,
  roles,
  rolesAllowedOnMember,
  serverUrls,
} from "../../src/facts.js";

const specDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

describe("the APIs and their bundles", () => {
  it("lists exactly the APIs redocly.yaml registers, each with its source folder", () => {
    const config = parse(readFileSync(join(specDir, "redocly.yaml"), "utf8")) as {
      apis: Record<string, { root: string }>;
    };
    const registered = Object.entries(config.apis).map(([alias, { root }]) => {
      const name = alias.split("@")[0] ?? alias;
      expect(root).toBe(`${name}/openapi.yaml`);
      return name;
    });
    expect([...API_NAMES].sort()).toEqual(registered.sort());
    const folders = readdirSync(specDir).filter((f) => existsSync(join(specDir, f, "openapi.yaml")));
    expect(folders.sort()).toEqual([...API_NAMES].sort());
  });

  it("finds each bundle in this package's dist/ and reads it", () => {
    for (const api of API_NAMES) {
      expect(bundlePath(api)).toBe(join(specDir, "dist", `${api}.json`));
      expect(bundlePath(api, "yaml")).toBe(join(specDir, "dist", `${api}.yaml`));
      expect(readBundle(api).openapi).toMatch(/^3\.1\./);
    }
    expect(isApiName("enterprise")).toBe(true);
    expect(isApiName("billing")).toBe(false);
  });
});

const synthetic: OpenApiDocument = {
  openapi: "3.1.0",
  servers: [
    {
      url: "{scheme}://{host}/base/",
      variables: { scheme: { default: "https" }, host: { default: "h.test" } },
    },
    { url: "http://other.test" },
  ],
  paths: {
    "/things/{id}": {
      get: {
        operationId: "getThing",
        "x-orgadmin-permission": { action: "view", scope: "organization", roles: ["boss"] },
        responses: {
          "200": { content: { "application/json": { schema: { $ref: "#/components/schemas/Ok" } } } },
          "404": { $ref: "#/components/responses/Missing" },
        },
      },
      head: {
        operationId: "headThing",
        "x-orgadmin-permission": { action: "view", scope: "account" },
        responses: { "200": { description: "no body" } },
      },
    },
  },
  components: {
    schemas: {
      Role: { type: "string", enum: ["boss", "worker"] },
      Envelope: { type: "object", properties: { status_message: { type: "string" } } },
      Ok: {
        allOf: [
          { $ref: "#/components/schemas/Envelope" },
          { properties: { status_message: { const: "FINE" } } },
        ],
      },
    },
    responses: {
      Missing: {
        content: {
          "application/json": {
            schema: {
              allOf: [
                { $ref: "#/components/schemas/Envelope" },
                { properties: { status_message: { const: "GONE" } } },
              ],
            },
          },
        },
      },
    },
  },
};

describe("facts read from a document", () => {
  it("reads server URLs with their variables' defaults, and the base path of the first", () => {
    expect(serverUrls(synthetic)).toEqual(["https://h.test/base/", "http://other.test"]);
    expect(defaultServerUrl(synthetic)).toBe("https://h.test/base/");
    expect(basePath(synthetic)).toBe("/base");
    expect(basePath({ openapi: "3.1.0" })).toBe("");
    expect(() => defaultServerUrl({ openapi: "3.1.0" })).toThrow(/no server/);
  });

  it("reads the envelope's status messages from each response's const", () => {
    expect(envelopeMessages(synthetic)).toEqual({ success: "FINE", errors: { 404: "GONE" } });
    expect(envelopeMessages({ openapi: "3.1.0", paths: {} })).toBeUndefined();
  });

  it("refuses a status whose message differs between operations", () => {
    const get = synthetic.paths?.["/things/{id}"]?.get as Record<string, unknown>;
    const conflicting: OpenApiDocument = {
      ...synthetic,
      paths: {
        ...synthetic.paths,
        "/other": {
          get: {
            ...get,
            responses: {
              "200": {
                content: {
                  "application/json": { schema: { properties: { status_message: { const: "OTHER" } } } },
                },
              },
            },
          },
        },
      },
    };
    expect(() => envelopeMessages(conflicting)).toThrow(
      /GET \/other 200: status_message OTHER, elsewhere FINE/,
    );
  });

  it("reads roles and the permission matrix, over every method", () => {
    expect(roles(synthetic)).toEqual(["boss", "worker"]);
    expect(permissionMatrix(synthetic)).toEqual([
      {
        operationId: "getThing",
        method: "GET",
        path: "/things/{id}",
        action: "view",
        scope: "organization",
        roles: ["boss"],
      },
      { operationId: "headThing", method: "HEAD", path: "/things/{id}", action: "view", scope: "account" },
    ]);
  });
});

describe("facts of the real contract", () => {
  const v1 = readBundle("organizations");
  const v2 = readBundle("enterprise");

  it("v1: an envelope whose success says SUCCESS, and an error message for every error status", () => {
    const messages = envelopeMessages(v1);
    expect(messages?.success).toBe("SUCCESS");
    expect(Object.keys(messages?.errors ?? {}).sort()).toEqual(["400", "401", "403", "404", "409"]);
    expect(messages?.errors[404]).toBe("NOT_FOUND");
  });

  it("v1: every operation in the matrix, organization-scoped ones naming known roles", () => {
    const known = roles(v1);
    expect(known).toContain("owner");
    const matrix = permissionMatrix(v1);
    expect(matrix.length).toBeGreaterThan(0);
    for (const row of matrix) {
      if (row.scope === "organization") expect(row.roles?.every((r) => known.includes(r))).toBe(true);
      else expect(row.roles).toBeUndefined();
    }
  });

  it("v1: only an owner makes or unmakes an owner (target_roles on the two member operations)", () => {
    const rows = Object.fromEntries(permissionMatrix(v1).map((row) => [row.operationId, row]));
    for (const operationId of ["updateMemberRole", "removeMember"]) {
      const row = rows[operationId];
      if (!row) throw new Error(`${operationId} is not in the matrix`);
      expect(row.target_roles).toEqual({ owner: ["owner"] });
      expect(rolesAllowedOnMember(row, ["member"])).toEqual(["owner", "admin"]);
      // Demoting an owner, or making a member one: the current or the new role is owner.
      expect(rolesAllowedOnMember(row, ["member", "owner"])).toEqual(["owner"]);
    }
    const others = permissionMatrix(v1).filter((row) => row.target_roles !== undefined);
    expect(others.map((row) => row.operationId).sort()).toEqual(["removeMember", "updateMemberRole"]);
  });

  it("v2: no envelope, and a base path under its server", () => {
    expect(envelopeMessages(v2)).toBeUndefined();
    expect(basePath(v2)).toMatch(/^\/v2\//);
    expect(defaultServerUrl(v2).endsWith(basePath(v2))).toBe(true);
  });
});
