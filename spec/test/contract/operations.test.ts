import { describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../../src/document.js";
import { HTTP_METHODS, operationsOf, parametersOf, statusesOf } from "../../src/operations.js";

const everyMethod = Object.fromEntries(
  HTTP_METHODS.map((method) => [method, { operationId: `${method}Thing`, responses: { "200": {} } }]),
);

describe("operations", () => {
  it("knows the eight methods a path item may hold", () => {
    expect([...HTTP_METHODS].sort()).toEqual(
      ["delete", "get", "head", "options", "patch", "post", "put", "trace"].sort(),
    );
  });

  it("finds an operation under every method, HEAD, OPTIONS and TRACE included", () => {
    const doc: OpenApiDocument = { openapi: "3.1.0", paths: { "/things": everyMethod } };
    const found = operationsOf(doc);
    expect(found.map((e) => e.method)).toEqual([...HTTP_METHODS]);
    expect(found.map((e) => e.operation.operationId)).toContain("headThing");
    expect(found[0]?.pointer).toBe("/paths/~1things/get");
  });

  it("resolves a path item given by $ref and skips its non-method keys", () => {
    const doc: OpenApiDocument = {
      openapi: "3.1.0",
      paths: { "/a": { $ref: "#/components/pathItems/A" } },
      components: { pathItems: { A: { summary: "s", parameters: [], options: { operationId: "opt" } } } },
    };
    expect(operationsOf(doc).map((e) => [e.method, e.operation.operationId])).toEqual([["options", "opt"]]);
  });

  it("lists an operation's own parameters before the path item's ones it does not override", () => {
    const doc: OpenApiDocument = {
      openapi: "3.1.0",
      paths: {
        "/a/{id}": {
          parameters: [
            { name: "id", in: "path", required: true },
            { name: "limit", in: "query", schema: { maximum: 10 } },
          ],
          get: {
            operationId: "getA",
            parameters: [{ $ref: "#/components/parameters/Limit" }],
            responses: { "200": {} },
          },
        },
      },
      components: { parameters: { Limit: { name: "limit", in: "query", schema: { maximum: 99 } } } },
    };
    const [entry] = operationsOf(doc);
    if (!entry) throw new Error("no operation");
    expect(parametersOf(doc, entry)).toEqual([
      {
        parameter: { name: "limit", in: "query", schema: { maximum: 99 } },
        pointer: "/components/parameters/Limit",
      },
      { parameter: { name: "id", in: "path", required: true }, pointer: "/paths/~1a~1{id}/parameters/0" },
    ]);
  });

  it("points at each parameter where it is written, behind a chain of references or a referenced path item", () => {
    const doc: OpenApiDocument = {
      openapi: "3.1.0",
      paths: { "/a": { $ref: "#/components/pathItems/A" } },
      components: {
        pathItems: {
          A: {
            parameters: [{ name: "q", in: "query" }],
            get: { parameters: [{ $ref: "#/components/parameters/Alias" }], responses: { "200": {} } },
          },
        },
        parameters: {
          Alias: { $ref: "#/components/parameters/Limit" },
          Limit: { name: "limit", in: "query" },
        },
      },
    };
    const [entry] = operationsOf(doc);
    if (!entry) throw new Error("no operation");
    expect(entry.pointer).toBe("/components/pathItems/A/get");
    expect(parametersOf(doc, entry).map((p) => p.pointer)).toEqual([
      "/components/parameters/Limit",
      "/components/pathItems/A/parameters/0",
    ]);
  });

  it("orders statuses with the success first", () => {
    expect(statusesOf({ responses: { "404": {}, "201": {}, "400": {} } })).toEqual(["201", "400", "404"]);
    expect(statusesOf({ responses: { "422": {}, "200": {}, "401": {} } })).toEqual(["200", "401", "422"]);
  });
});
