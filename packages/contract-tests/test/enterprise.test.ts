import { EnterpriseApiError, listAllAuditLogs, listAllSessionInsights } from "@orgadmin/client";
import { describe, expect, it } from "vitest";
import { enterpriseCalls } from "./support/calls.js";
import { enterpriseClient, server } from "./support/harness.js";
import { describeOperations } from "./support/operation-suite.js";

describe("Enterprise admin API v2", () => {
  describeOperations({
    api: "enterprise",
    calls: enterpriseCalls,
    client: enterpriseClient,
    errorClass: EnterpriseApiError,
    payloadOf: (body) => body,
    successBodyOf: (payload) => payload,
  });
});

describe.runIf(server("enterprise").mode === "mock")("Enterprise paging through Prism", () => {
  it("walks session insights until a short page", async () => {
    const ids: string[] = [];
    for await (const session of listAllSessionInsights(enterpriseClient(), { pageSize: 10 }))
      ids.push(session.id);
    expect(ids).toEqual(["session_8f2a", "session_7c1d"]);
  });

  it("walks audit logs until next_cursor is null", async () => {
    const ids: string[] = [];
    for await (const entry of listAllAuditLogs(enterpriseClient(), { startDate: "2024-02-01T00:00:00Z" }))
      ids.push(entry.id ?? "(no id)");
    expect(ids).toEqual(["log_042", "log_041"]);
  });
});
