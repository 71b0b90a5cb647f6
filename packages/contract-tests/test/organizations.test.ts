import { listAllMembers, listAllOrganizations, OrganizationsApiError } from "@orgadmin/client";
import { describe, expect, it } from "vitest";
import { ORG_ID, organizationsCalls } from "./support/calls.js";
import { organizationsClient, server } from "./support/harness.js";
import { describeOperations } from "./support/operation-suite.js";

describe("Organizations API v1", () => {
  describeOperations({
    api: "organizations",
    calls: organizationsCalls,
    client: organizationsClient,
    errorClass: OrganizationsApiError,
    payloadOf: (body) => (body as { data: unknown }).data,
    // Every v1 success travels in this envelope (the seed's reference).
    successBodyOf: (data) => ({ status_code: 200, status_message: "SUCCESS", data }),
  });
});

describe.runIf(server("organizations").mode === "mock")("Organizations paging through Prism", () => {
  it("walks organizations until a short page", async () => {
    const ids: string[] = [];
    for await (const org of listAllOrganizations(organizationsClient(), { pageSize: 5 })) ids.push(org.id);
    expect(ids).toEqual([ORG_ID]);
  });

  it("walks members until a short page", async () => {
    const emails: string[] = [];
    for await (const member of listAllMembers(organizationsClient(), ORG_ID)) emails.push(member.email);
    expect(emails).toEqual(["user@example.com"]);
  });
});
