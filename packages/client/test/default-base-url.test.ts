// The default base URL is generated from the spec, never written by hand: a client made without one
// sends its requests to the first server the Enterprise bundle documents.
import { readBundle } from "@orgadmin/spec/contract";
import { describe, expect, it } from "vitest";
import { createEnterpriseClient } from "../src/index.js";
import { API_KEY } from "./support/leaks.js";

describe("default base URL", () => {
  it("is the Enterprise bundle's first server: where a client made without one sends its requests", async () => {
    const seen: string[] = [];
    const client = createEnterpriseClient({
      apiKey: API_KEY,
      fetch: async (request) => {
        seen.push(request.url);
        return Response.json({ members: [] });
      },
    });
    await client.GET("/members");
    const [first] = readBundle("enterprise").servers ?? [];
    expect(first?.url).toMatch(/^https:\/\//);
    expect(seen).toEqual([`${first?.url}/members`]);
  });
});
