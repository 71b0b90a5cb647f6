import { describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../../src/document.js";
import {
  createSchemaCompiler,
  describeProblem,
  jsonPath,
  pointerSegments,
  schemaProblems,
} from "../../src/validation.js";

const doc: OpenApiDocument = {
  openapi: "3.1.0",
  paths: {},
  components: {
    schemas: {
      Member: {
        type: "object",
        additionalProperties: false,
        required: ["email"],
        properties: { email: { type: "string", format: "email" }, name: { type: ["string", "null"] } },
        example: { email: "a@example.com" },
      },
      List: {
        type: "object",
        properties: { members: { type: "array", items: { $ref: "#/components/schemas/Member" } } },
      },
      Limit: { type: "integer", minimum: 1 },
    },
  },
};

describe("schema validation", () => {
  it("compiles a schema by pointer, following its $refs, and reports problems in one format", () => {
    const compiler = createSchemaCompiler(doc, "urn:test:one");
    const validate = compiler.compile("/components/schemas/List");
    expect(validate({ members: [{ email: "a@example.com", name: null }] })).toBe(true);
    expect(validate({ members: [{ name: 3, extra: true }] })).toBe(false);
    expect(schemaProblems(validate.errors).map(describeProblem).sort()).toEqual([
      "$.members[0].email: is required but missing",
      "$.members[0].extra: is not in the contract",
      "$.members[0].name: must be string,null",
    ]);
  });

  it("compiles each pointer once", () => {
    const compiler = createSchemaCompiler(doc, "urn:test:two");
    expect(compiler.compile("/components/schemas/Member")).toBe(
      compiler.compile("/components/schemas/Member"),
    );
  });

  it("coerces text to the declared type only when asked", () => {
    const coercing = createSchemaCompiler(doc, "urn:test:three", { coerceTypes: true });
    const params = coercing.ajv.compile({
      type: "object",
      properties: { limit: coercing.ref("/components/schemas/Limit") },
    });
    const query: Record<string, unknown> = { limit: "5" };
    expect(params(query)).toBe(true);
    expect(query.limit).toBe(5);
    const strict = createSchemaCompiler(doc, "urn:test:four").compile("/components/schemas/Limit");
    expect(strict("5")).toBe(false);
  });

  it("checks formats", () => {
    const validate = createSchemaCompiler(doc, "urn:test:five").compile("/components/schemas/Member");
    expect(validate({ email: "not an address" })).toBe(false);
    expect(schemaProblems(validate.errors)).toEqual([
      { pointer: "/email", message: 'must match format "email"' },
    ]);
  });

  it("renders JSON pointers as JSON paths", () => {
    expect(jsonPath("")).toBe("$");
    expect(jsonPath("/logs/12/target")).toBe("$.logs[12].target");
    expect(jsonPath("/a~1b/c~0d")).toBe("$.a/b.c~d");
    expect(pointerSegments("/a~1b/0")).toEqual(["a/b", "0"]);
  });
});
