import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { pagingOf } from "../scripts/paging.mjs";
import { paging as enterprisePaging } from "../src/generated/enterprise-paging.js";
import { paging as organizationsPaging } from "../src/generated/organizations-paging.js";

const require = createRequire(import.meta.url);

const limit = (maximum: number, extra: Record<string, unknown> = {}) => ({
  name: "limit",
  in: "query",
  schema: { type: "integer", minimum: 1, maximum, default: 10, ...extra },
});

describe("pagingOf", () => {
  it("reads each paged operation's limit or page_size bounds, following $refs and path-level parameters", () => {
    const doc = {
      paths: {
        "/a": { get: { operationId: "listA", parameters: [{ $ref: "#/components/parameters/Limit" }] } },
        "/b": {
          parameters: [{ name: "page_size", in: "query", schema: { $ref: "#/components/schemas/Size" } }],
          get: { operationId: "listB" },
          delete: { operationId: "deleteB", parameters: [limit(7)] },
        },
        "/c": { get: { operationId: "getC", parameters: [{ name: "limit", in: "header", schema: {} }] } },
      },
      components: {
        parameters: { Limit: limit(250) },
        schemas: { Size: { type: "integer", minimum: 2, maximum: 40, default: 20 } },
      },
    };
    expect(pagingOf(doc)).toEqual({
      listA: { parameter: "limit", minimum: 1, maximum: 250, default: 10 },
      listB: { parameter: "page_size", minimum: 2, maximum: 40, default: 20 },
      // Its own `limit` comes before the path's `page_size`.
      deleteB: { parameter: "limit", minimum: 1, maximum: 7, default: 10 },
      // getC's `limit` is a header, not a page size.
    });
  });

  it("refuses a paged operation whose page size has no maximum, so the client never guesses one", () => {
    const doc = {
      paths: { "/a": { get: { operationId: "listA", parameters: [limit(1, { maximum: undefined })] } } },
    };
    expect(() => pagingOf(doc)).toThrow(/GET \/a: .*integer maximum and default on limit/);
  });
});

describe("generated paging limits", () => {
  it.each([
    ["enterprise", enterprisePaging],
    ["organizations", organizationsPaging],
  ])("match the bundled %s spec", (api, generated) => {
    const spec = require(`@orgadmin/spec/${api}.json`);
    expect(generated).toEqual(pagingOf(spec));
    expect(Object.keys(generated).length).toBeGreaterThan(0);
  });
});
