import { describe, expect, it } from "vitest";
import { allOfParts } from "../../src/schemas.js";

const doc = {
  components: {
    schemas: {
      Envelope: { type: "object", properties: { status: { type: "string" } } },
      Success: {
        description: "success",
        allOf: [{ $ref: "#/components/schemas/Envelope" }, { properties: { status: { const: "OK" } } }],
      },
      Loop: { allOf: [{ $ref: "#/components/schemas/Loop" }, { required: ["x"] }] },
    },
  },
};

describe("allOf parts", () => {
  it("is the schema itself when it composes nothing", () => {
    expect(allOfParts(doc, { $ref: "#/components/schemas/Envelope" })).toEqual([
      doc.components.schemas.Envelope,
    ]);
  });

  it("lists the members' parts, resolved and nested, then the schema's own keys", () => {
    const parts = allOfParts(doc, { allOf: [{ $ref: "#/components/schemas/Success" }], title: "t" });
    expect(parts).toEqual([
      doc.components.schemas.Envelope,
      { properties: { status: { const: "OK" } } },
      { description: "success" },
      { title: "t" },
    ]);
  });

  it("stops at a member that refers back to a schema being walked, and skips what leads nowhere", () => {
    expect(allOfParts(doc, { $ref: "#/components/schemas/Loop" })).toEqual([{ required: ["x"] }, {}]);
    expect(allOfParts(doc, { $ref: "#/components/schemas/Missing" })).toEqual([]);
  });
});
