// The gate is real: raw requests that break the spec never reach a handler. Prism refuses them with
// the status the contract documents for bad input, names the broken part, and answers with a body
// of that status's documented shape.
import { createOrganizationsClient } from "@orgadmin/client";
import type { ApiName } from "@orgadmin/spec/contract";
import { describe, expect, it } from "vitest";
import { checkAnswer } from "../src/check.js";
import { API_KEY, apiErrorOf, contractOf, isMock, outcomeOf, server } from "./support/harness.js";

interface BadRequest {
  name: string;
  api: ApiName;
  operationId: string;
  method: string;
  path: string;
  body?: unknown;
  auth?: boolean;
  status: number;
  /** Where Prism says the request breaks the spec. */
  location: string[];
}

const cases: BadRequest[] = [
  {
    name: "a missing required field",
    api: "enterprise",
    operationId: "createOrganization",
    method: "POST",
    path: "/organizations",
    body: { name: "Platform" },
    status: 422,
    location: ["request", "body"],
  },
  {
    name: "a field of the wrong type",
    api: "enterprise",
    operationId: "createOrganization",
    method: "POST",
    path: "/organizations",
    body: { name: "Platform", acu_limit: "1000" },
    status: 422,
    location: ["request", "body", "acu_limit"],
  },
  {
    name: "limit over its maximum",
    api: "enterprise",
    operationId: "listSessionInsights",
    method: "GET",
    path: "/sessions/insights?limit=101",
    status: 422,
    location: ["request", "query", "limit"],
  },
  {
    name: "no Authorization header",
    api: "enterprise",
    operationId: "listMembers",
    method: "GET",
    path: "/members",
    auth: false,
    status: 401,
    location: ["request"],
  },
  {
    name: "a missing required field",
    api: "organizations",
    operationId: "createOrganization",
    method: "POST",
    path: "/v1/organizations",
    body: { description: "no name" },
    status: 400,
    location: ["request", "body"],
  },
  {
    name: "page_size as a word",
    api: "organizations",
    operationId: "listOrganizations",
    method: "GET",
    path: "/v1/organizations?page_size=ten",
    status: 400,
    location: ["request", "query", "page_size"],
  },
  {
    name: "page_size over its maximum",
    api: "organizations",
    operationId: "listMembers",
    method: "GET",
    path: "/v1/organizations/org_abc123/members?page_size=101",
    status: 400,
    location: ["request", "query", "page_size"],
  },
  {
    name: "a role the contract does not know",
    api: "organizations",
    operationId: "updateMemberRole",
    method: "PUT",
    path: "/v1/organizations/org_abc123/members/user_123",
    body: { role: "superuser" },
    status: 400,
    location: ["request", "body", "role"],
  },
  {
    name: "no Authorization header",
    api: "organizations",
    operationId: "getOrganization",
    method: "GET",
    path: "/v1/organizations/org_abc123",
    auth: false,
    status: 401,
    location: ["request"],
  },
];

describe.concurrent.each(cases)("$api $operationId with $name", (bad) => {
  it.runIf(isMock(bad.api))(`is refused with HTTP ${bad.status}`, async () => {
    const headers: Record<string, string> = { "Content-Type": "application/json" };
    if (bad.auth !== false) headers.Authorization = `Bearer ${API_KEY}`;
    const response = await fetch(`${server(bad.api).url}${bad.path}`, {
      method: bad.method,
      headers,
      ...(bad.body !== undefined && { body: JSON.stringify(bad.body) }),
    });
    const body: unknown = await response.json();
    expect(response.status).toBe(bad.status);
    const violations = JSON.parse(response.headers.get("sl-violations") ?? "[]") as { location: string[] }[];
    expect(violations.map((v) => v.location)).toContainEqual(bad.location);
    expect(contractOf(bad.api).validate(bad.operationId, bad.status, body)).toEqual([]);
  });
});

describe.runIf(isMock("organizations"))("a client call that sends page_size as a string", () => {
  it("is refused by Prism and fails the success check", async () => {
    // What a drifted client would send; the types forbid it (see request-types.test-d.ts).
    const page_size = "ten" as unknown as number;
    const { answer, error } = await outcomeOf((fetch) =>
      createOrganizationsClient({
        apiKey: API_KEY,
        baseUrl: server("organizations").url,
        maxRetries: 0,
        fetch,
      }).GET("/v1/organizations", { params: { query: { page_size } } }),
    );
    expect(apiErrorOf(error).status).toBe(400);
    expect(answer.response.status).toBe(400);
    expect(answer.response.headers.get("sl-violations")).toContain("page_size");
    expect(() => checkAnswer(contractOf("organizations"), "listOrganizations", answer, "200")).toThrow(
      /listOrganizations: the answer breaks the contract\n {2}HTTP 400 where HTTP 200 was expected/,
    );
  });
});
