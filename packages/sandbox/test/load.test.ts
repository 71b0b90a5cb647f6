// A short run of the bench's mixed load (50 clients): correctness only, never timings.
import { describe, expect, it } from "vitest";
import { runLoad, visibleOrganizationNames } from "../bench/load-mix.js";
import { useSandbox } from "./support/sandbox.js";

const sandbox = useSandbox();

describe("under load", () => {
  it("answers 50 concurrent clients with no 5xx, and the organizations equal the acknowledged creates", async () => {
    const before = sandbox().store.state.organizations.length;
    const result = await runLoad(
      { organizations: sandbox().url, enterprise: sandbox().enterpriseUrl },
      // A count of requests, not a time: the same load however busy the machine is.
      { clients: 50, durationMs: Number.POSITIVE_INFINITY, requestsPerClient: 12, namePrefix: "load" },
    );
    expect(result.networkErrors).toBe(0);
    expect(result.serverErrors).toBe(0);
    expect(result.requests).toBeGreaterThan(100);
    // Every answer is a documented success: the mix sends nothing a server should refuse.
    expect(Object.keys(result.byStatus).sort()).toEqual(["200", "201"]);
    expect(result.acknowledged.length).toBeGreaterThan(10);
    expect(new Set(result.acknowledged).size).toBe(result.acknowledged.length);

    const names = await visibleOrganizationNames(sandbox().url);
    const created = [...names].filter((n) => n.startsWith("load-"));
    expect(created.sort()).toEqual([...result.acknowledged].sort());
    expect(sandbox().store.state.organizations.length).toBe(before + result.acknowledged.length);
  });
});
