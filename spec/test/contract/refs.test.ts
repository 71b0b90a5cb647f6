import { describe, expect, it } from "vitest";
import { atPointer, deref, escapePointer, resolveRef, unescapePointer } from "../../src/refs.js";

const doc = {
  components: {
    schemas: {
      Member: { type: "object", description: "a member" },
      Alias: { $ref: "#/components/schemas/Member" },
      LoopA: { $ref: "#/components/schemas/LoopB" },
      LoopB: { $ref: "#/components/schemas/LoopA" },
      "a/b~c": { const: 1 },
    },
  },
  list: [{ x: 1 }],
};

describe("$ref resolution", () => {
  it("returns a node that is not a reference as it is", () => {
    const node = { type: "string" };
    expect(deref(doc, node)).toEqual({ node });
    expect(deref(doc, undefined)).toEqual({ node: undefined });
  });

  it("follows a chain of references and reports the first one", () => {
    expect(deref(doc, { $ref: "#/components/schemas/Alias" })).toEqual({
      node: { type: "object", description: "a member" },
      ref: "#/components/schemas/Alias",
      pointer: "/components/schemas/Member",
    });
  });

  it("lets siblings of $ref win over the target's keys, as in 3.1", () => {
    expect(resolveRef(doc, { $ref: "#/components/schemas/Member", description: "mine" })).toEqual({
      type: "object",
      description: "mine",
    });
  });

  it("leads nowhere for a loop, a missing target or a reference outside the document", () => {
    expect(deref(doc, { $ref: "#/components/schemas/LoopA" }).node).toBeUndefined();
    expect(deref(doc, { $ref: "#/components/schemas/Nope" }).node).toBeUndefined();
    expect(deref(doc, { $ref: "other.yaml#/x" })).toEqual({ node: undefined, ref: "other.yaml#/x" });
  });

  it("reads JSON pointers with escaped segments and array indexes", () => {
    expect(escapePointer("a/b~c")).toBe("a~1b~0c");
    expect(unescapePointer("a~1b~0c")).toBe("a/b~c");
    expect(atPointer(doc, `/components/schemas/${escapePointer("a/b~c")}`)).toEqual({ const: 1 });
    expect(atPointer(doc, "/list/0/x")).toBe(1);
    expect(atPointer(doc, "")).toBe(doc);
    expect(atPointer(doc, "/list/0/x/y")).toBeUndefined();
  });
});
