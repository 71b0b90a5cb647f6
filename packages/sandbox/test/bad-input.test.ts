// Requests a server must refuse: each gets a 4xx in the contract's error shape, never a 500, and
// leaves the state exactly as it was.
import { once } from "node:events";
import { connect } from "node:net";
import type { ApiName } from "@orgadmin/spec/contract";
import { describe, expect, it } from "vitest";
import { expectDocumented } from "./support/responses.js";
import { KEYS, type RawResponse, raw, useSandbox } from "./support/sandbox.js";

const BODY_LIMIT = 4096;
const sandbox = useSandbox({ bodyLimit: BODY_LIMIT });

interface Case {
  name: string;
  api: ApiName;
  operationId: string;
  method: string;
  path: string;
  key: string;
  body?: string | Buffer;
  contentType?: string;
  status: number;
}

const V1 = "/v1/organizations";
const V2 = "/v2/enterprise";
const big = JSON.stringify({ name: "big", description: "x".repeat(BODY_LIMIT) });
const cases: Case[] = [
  // Malformed JSON
  ...["{", '{"name": }', "nul", '"just a string'].map((body) => ({
    name: `v1 create with malformed JSON ${JSON.stringify(body)}`,
    api: "organizations" as const,
    operationId: "createOrganization",
    method: "POST",
    path: V1,
    key: KEYS.owner,
    body,
    contentType: "application/json",
    status: 400,
  })),
  {
    name: "v2 create with malformed JSON",
    api: "enterprise",
    operationId: "createOrganization",
    method: "POST",
    path: `${V2}/organizations`,
    key: KEYS.enterpriseAdmin,
    body: '{"name": "x", "acu_limit": 1,',
    contentType: "application/json",
    status: 400,
  },
  // Wrong or missing content type
  ...["text/plain", "application/x-www-form-urlencoded", "application/xml"].map((contentType) => ({
    name: `v1 update sent as ${contentType}`,
    api: "organizations" as const,
    operationId: "updateOrganization",
    method: "PUT",
    path: `${V1}/org_abc123`,
    key: KEYS.owner,
    body: '{"name":"Renamed"}',
    contentType,
    status: 400,
  })),
  {
    name: "v2 invite without a content type",
    api: "enterprise",
    operationId: "inviteMembers",
    method: "POST",
    path: `${V2}/members/invite`,
    key: KEYS.enterpriseAdmin,
    body: '{"emails":["a@example.com"],"role":"member"}',
    status: 400,
  },
  // Missing and oversized bodies
  {
    name: "v1 invitation with no body",
    api: "organizations",
    operationId: "createInvitation",
    method: "POST",
    path: `${V1}/org_abc123/invitations`,
    key: KEYS.owner,
    contentType: "application/json",
    status: 400,
  },
  {
    name: "v1 create with a body over the limit",
    api: "organizations",
    operationId: "createOrganization",
    method: "POST",
    path: V1,
    key: KEYS.owner,
    body: big,
    contentType: "application/json",
    status: 400,
  },
  {
    name: "v2 create with a body over the limit",
    api: "enterprise",
    operationId: "createOrganization",
    method: "POST",
    path: `${V2}/organizations`,
    key: KEYS.enterpriseAdmin,
    body: Buffer.alloc(BODY_LIMIT * 64, 0x20),
    contentType: "application/json",
    status: 400,
  },
  // Unknown fields
  {
    name: "v1 create with an unknown field",
    api: "organizations",
    operationId: "createOrganization",
    method: "POST",
    path: V1,
    key: KEYS.owner,
    body: '{"name":"Fresh","owner_id":"user_203"}',
    contentType: "application/json",
    status: 400,
  },
  {
    name: "v1 role change with an unknown field",
    api: "organizations",
    operationId: "updateMemberRole",
    method: "PUT",
    path: `${V1}/org_abc123/members/user_202`,
    key: KEYS.owner,
    body: '{"role":"admin","force":true}',
    contentType: "application/json",
    status: 400,
  },
  {
    name: "v1 settings with an unknown field",
    api: "organizations",
    operationId: "updateOrganization",
    method: "PUT",
    path: `${V1}/org_abc123`,
    key: KEYS.owner,
    body: '{"settings":{"default_role":"member","sso":true}}',
    contentType: "application/json",
    status: 400,
  },
  {
    name: "v2 create with an unknown field",
    api: "enterprise",
    operationId: "createOrganization",
    method: "POST",
    path: `${V2}/organizations`,
    key: KEYS.enterpriseAdmin,
    body: '{"name":"Fresh","acu_limit":5,"region":"eu"}',
    contentType: "application/json",
    status: 422,
  },
  // Values the schema refuses
  {
    name: "v1 create with an empty name",
    api: "organizations",
    operationId: "createOrganization",
    method: "POST",
    path: V1,
    key: KEYS.owner,
    body: '{"name":""}',
    contentType: "application/json",
    status: 400,
  },
  {
    name: "v1 role change to an unknown role",
    api: "organizations",
    operationId: "updateMemberRole",
    method: "PUT",
    path: `${V1}/org_abc123/members/user_202`,
    key: KEYS.owner,
    body: '{"role":"superuser"}',
    contentType: "application/json",
    status: 400,
  },
  {
    name: "v2 invite with a malformed address",
    api: "enterprise",
    operationId: "inviteMembers",
    method: "POST",
    path: `${V2}/members/invite`,
    key: KEYS.enterpriseAdmin,
    body: '{"emails":["not-an-address"],"role":"member"}',
    contentType: "application/json",
    status: 422,
  },
  // v2: read but against the contract is 422, whether a parameter is of the wrong type or out of range
  ...["limit=ten", "limit=101", "offset=-1", "offset=1.5"].map((query) => ({
    name: `v2 insights with ${query}`,
    api: "enterprise" as const,
    operationId: "listSessionInsights",
    method: "GET",
    path: `${V2}/sessions/insights?${query}`,
    key: KEYS.enterpriseAdmin,
    status: 422,
  })),
  // Integer parameters take plain decimal integers only: no Infinity, exponent, radix prefix,
  // sign, fraction, leading zero or space.
  ...["Infinity", "-Infinity", "1e400", "0x10", "0b11", "1e1", "+5", "5.0", "05", "%205", "-0"].flatMap(
    (value) => [
      {
        name: `v2 insights with limit=${value}`,
        api: "enterprise" as const,
        operationId: "listSessionInsights",
        method: "GET",
        path: `${V2}/sessions/insights?limit=${value}`,
        key: KEYS.enterpriseAdmin,
        status: 422,
      },
      {
        name: `v1 organizations with page_size=${value}`,
        api: "organizations" as const,
        operationId: "listOrganizations",
        method: "GET",
        path: `${V1}?page_size=${value}`,
        key: KEYS.owner,
        status: 400,
      },
      {
        name: `v1 members with page=${value}`,
        api: "organizations" as const,
        operationId: "listMembers",
        method: "GET",
        path: `${V1}/org_abc123/members?page=${value}`,
        key: KEYS.owner,
        status: 400,
      },
    ],
  ),
  {
    name: "v2 audit logs with a limit that is not a number",
    api: "enterprise",
    operationId: "listAuditLogs",
    method: "GET",
    path: `${V2}/audit-logs?limit=ten`,
    key: KEYS.enterpriseAdmin,
    status: 422,
  },
  {
    name: "v2 create with an acu_limit of the wrong type",
    api: "enterprise",
    operationId: "createOrganization",
    method: "POST",
    path: `${V2}/organizations`,
    key: KEYS.enterpriseAdmin,
    body: '{"name":"Typed","acu_limit":"1000"}',
    contentType: "application/json",
    status: 422,
  },
  {
    name: "v2 create with no body",
    api: "enterprise",
    operationId: "createOrganization",
    method: "POST",
    path: `${V2}/organizations`,
    key: KEYS.enterpriseAdmin,
    contentType: "application/json",
    status: 422,
  },
  {
    name: "v2 audit logs with a start_date that is not a date-time",
    api: "enterprise",
    operationId: "listAuditLogs",
    method: "GET",
    path: `${V2}/audit-logs?start_date=yesterday`,
    key: KEYS.enterpriseAdmin,
    status: 422,
  },
  // Ids with `/` or `..`
  ...[
    `${V1}/..`,
    `${V1}/org_abc123/members/..`,
    `${V1}/org_abc123/members/%2E%2E`,
    `${V1}/org_def456/members/../../org_abc123`,
    `${V1}/org_abc123/./members/user_202`,
  ].map((path) => ({
    name: `DELETE ${path}`,
    api: "organizations" as const,
    operationId: "removeMember",
    method: "DELETE",
    path,
    key: KEYS.owner,
    status: 400,
  })),
  ...[
    `${V1}/org_abc123%2Fmembers`,
    `${V1}/org_abc123/members/user_202%2F..%2Fuser_200`,
    `${V1}/org%2E%2E`,
  ].map((path) => ({
    name: `DELETE ${path}`,
    api: "organizations" as const,
    operationId: "deleteOrganization",
    method: "DELETE",
    path,
    key: KEYS.owner,
    status: 400,
  })),
  {
    name: "v2 permission for an org id with a slash",
    api: "enterprise",
    operationId: "addRepositoryPermission",
    method: "POST",
    path: `${V2}/organizations/org_abc123%2F..%2Fx/permissions`,
    key: KEYS.enterpriseAdmin,
    body: '{"provider":"github","repository":"acme/api","permission":"read"}',
    contentType: "application/json",
    status: 422,
  },
  // Ids are the server's own: a placeholder is refused before anything is looked up
  {
    name: "v2 permission for a placeholder org id",
    api: "enterprise",
    operationId: "addRepositoryPermission",
    method: "POST",
    path: `${V2}/organizations/your_org_id/permissions`,
    key: KEYS.enterpriseAdmin,
    body: '{"provider":"github","repository":"acme/api","permission":"read"}',
    contentType: "application/json",
    status: 422,
  },
  {
    name: "v1 update of a placeholder org id",
    api: "organizations",
    operationId: "updateOrganization",
    method: "PUT",
    path: `${V1}/your_org_id`,
    key: KEYS.owner,
    body: '{"description":"x"}',
    contentType: "application/json",
    status: 400,
  },
  {
    name: "v2 permission for a repository with ..",
    api: "enterprise",
    operationId: "addRepositoryPermission",
    method: "POST",
    path: `${V2}/organizations/org_abc123/permissions`,
    key: KEYS.enterpriseAdmin,
    body: '{"provider":"github","repository":"../../etc","permission":"read"}',
    contentType: "application/json",
    status: 422,
  },
];

const snapshot = () => JSON.stringify(sandbox().store.state);

function expectErrorShape(api: ApiName, operationId: string, res: RawResponse, status: number): void {
  expect(res.status).toBe(status);
  expectDocumented(api, operationId, status, res.body);
  const message = api === "organizations" ? (res.body as { data: { message: string } }).data.message : "";
  if (api === "organizations") expect(message.length).toBeGreaterThan(0);
}

describe("bad input", () => {
  it.each(cases)("$name → $status, state unchanged", async (c) => {
    const before = snapshot();
    const res = await raw(sandbox().url, c.method, c.path, {
      key: c.key,
      ...(c.body !== undefined && { body: c.body }),
      ...(c.contentType && { contentType: c.contentType }),
    });
    expectErrorShape(c.api, c.operationId, res, c.status);
    expect(snapshot()).toBe(before);
  });

  it("names each invalid field in a v1 400", async () => {
    const res = await raw(sandbox().url, "POST", V1, {
      key: KEYS.owner,
      body: '{"name":"","colour":"red","settings":{"default_role":"owner"}}',
      contentType: "application/json",
    });
    expectErrorShape("organizations", "createOrganization", res, 400);
    const fields = (res.body as { data: { errors: Array<{ field: string }> } }).data.errors.map(
      (e) => e.field,
    );
    expect(fields).toEqual(expect.arrayContaining(["name", "colour", "settings.default_role"]));
  });

  it.each([
    ["organizations", "createOrganization", V1, KEYS.owner, 1],
    ["enterprise", "createOrganization", `${V2}/organizations`, KEYS.enterpriseAdmin, 1],
    ["organizations", "createOrganization", V1, KEYS.owner, 8],
  ] as const)(
    "answers a %s body of %s MB with its 400 through fetch, not a reset",
    async (api, operationId, path, key, megabytes) => {
      const before = snapshot();
      // fetch sends the whole body before it reads the answer, as most clients do.
      const res = await fetch(`${sandbox().url}${path}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
        body: Buffer.alloc(megabytes * 1024 * 1024, 0x20),
      });
      expectErrorShape(api, operationId, { status: res.status, headers: {}, body: await res.json() }, 400);
      expect(snapshot()).toBe(before);
    },
  );

  it.each([1, 8])(
    "answers a %s MB body with its 400 to a client that reads only once it has sent everything",
    async (megabytes) => {
      const body = Buffer.alloc(megabytes * 1024 * 1024, 0x20);
      const { port } = new URL(sandbox().url);
      const socket = connect(Number(port), "127.0.0.1");
      socket.pause();
      const received: Buffer[] = [];
      socket.on("data", (c: Buffer) => received.push(c));
      const closed = once(socket, "close");
      socket.write(
        `POST ${V1} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${KEYS.owner}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
      );
      // Start reading only when the whole body has been handed to the connection.
      await new Promise<void>((resolve, reject) =>
        socket.write(body, (error) => (error ? reject(error) : resolve())),
      );
      socket.resume();
      await closed;
      const text = Buffer.concat(received).toString("utf8");
      expect(text).toMatch(/^HTTP\/1\.1 400 /);
      const answer = JSON.parse(text.slice(text.indexOf("\r\n\r\n") + 4));
      expectErrorShape(
        "organizations",
        "createOrganization",
        { status: 400, headers: {}, body: answer },
        400,
      );
    },
  );

  it.each([
    ["organizations", "createOrganization", V1, KEYS.owner, 400],
    ["enterprise", "createOrganization", `${V2}/organizations`, KEYS.enterpriseAdmin, 400],
  ] as const)(
    "refuses a %s body nested deeper than 64 levels as unreadable, naming the limit",
    async (api, operationId, path, key, status) => {
      const before = snapshot();
      const deep = `{"name":${"[".repeat(64)}${"]".repeat(64)}}`;
      const res = await raw(sandbox().url, "POST", path, {
        key,
        body: deep,
        contentType: "application/json",
      });
      expectErrorShape(api, operationId, res, status);
      expect(JSON.stringify(res.body)).toMatch(/nested deeper than 64/);
      expect(snapshot()).toBe(before);
    },
  );

  it("counts only brackets outside strings toward the nesting limit", async () => {
    // 64 levels is within the limit; brackets inside a string (escaped quotes included) are text.
    const atLimit = `{"name":${"[".repeat(63)}${"]".repeat(63)}}`;
    const inString = JSON.stringify({ name: `\\"${"[".repeat(200)}` });
    for (const body of [atLimit, inString]) {
      const res = await raw(sandbox().url, "POST", V1, {
        key: KEYS.owner,
        body,
        contentType: "application/json",
      });
      expect(JSON.stringify(res.body)).not.toMatch(/nested deeper/);
    }
  });

  it("answers in the v1 envelope for an unknown v1 path and in v2's shape for an unknown v2 path", async () => {
    const v1 = await raw(sandbox().url, "GET", `${V1}/org_abc123/projects`, { key: KEYS.owner });
    expect(v1).toMatchObject({ status: 404, body: { status_code: 404, status_message: "NOT_FOUND" } });
    const v2 = await raw(sandbox().url, "GET", `${V2}/nothing-here`, { key: KEYS.enterpriseAdmin });
    expect(v2.status).toBe(404);
    expect(v2.body).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  });
});
