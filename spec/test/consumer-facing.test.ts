// What a consumer reads in the bundles: the values the seeds send are accepted, ids and servers
// say what to pass, and the v2 error statuses are told apart in the contract's own words.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");

interface Schema {
  pattern: string;
  format?: string;
  description?: string;
}
interface Operation {
  description: string;
  responses?: Record<string, unknown>;
}
interface Doc {
  info: { description: string };
  servers: Array<{ url: string; description?: string; variables?: Record<string, { default: string }> }>;
  paths: Record<string, Record<string, Operation>>;
  components: {
    parameters: Record<string, { description: string; schema: Schema }>;
    schemas: Record<string, Schema>;
    responses: Record<string, { description: string }>;
  };
}

const load = (name: string): Doc => JSON.parse(readFileSync(join(dist, `${name}.json`), "utf8"));
const enterprise = load("enterprise");
const organizations = load("organizations");

/** `record[key]`, or a failure naming what the bundle lacks. */
function get<T>(record: Record<string, T>, key: string): T {
  const value = record[key];
  if (value === undefined) throw new Error(`the bundle has no ${key}`);
  return value;
}

/** A JSON Schema `pattern` as the validators read it (ECMA-262, unicode). */
const matches = (schema: Schema, value: string) => new RegExp(schema.pattern, "u").test(value);

describe("audit log start_date", () => {
  const param = get(enterprise.components.parameters, "AuditStartDate");

  it.each([
    "2024-02-01T10:00:00.123456", // what the seed sends: Python's isoformat() of a naive datetime
    "2024-02-01T10:00:00",
    "2024-02-01T00:00:00Z",
    "2024-02-01T18:00:00.5+08:00",
  ])("accepts %s", (value) => {
    expect(param.schema.format).toBeUndefined();
    expect(matches(param.schema, value)).toBe(true);
  });

  it.each(["yesterday", "2024-02-01", "2024-13-01T00:00:00Z", "2024-02-01T10:00:00+0800", ""])(
    "refuses %s",
    (value) => {
      expect(matches(param.schema, value)).toBe(false);
    },
  );

  it("says how a value without an offset is read", () => {
    expect(param.description).toMatch(/without an offset is read as UTC/);
  });
});

describe("ids", () => {
  it.each([
    ["enterprise org_id", get(enterprise.components.parameters, "OrgId")],
    ["organizations OrganizationId", get(organizations.components.schemas, "OrganizationId")],
    ["organizations UserId", get(organizations.components.schemas, "UserId")],
  ])("%s refuses a placeholder and says ids are the server's own", (_, described) => {
    const schema = "schema" in described ? described.schema : described;
    expect(matches(schema, "your_org_id")).toBe(false);
    expect(matches(schema, "your_member_id")).toBe(false);
    expect(described.description).toMatch(/assigned by the server|as the server returned it/i);
    expect(described.description).toMatch(/placeholder/);
  });
});

describe("servers", () => {
  it("v1 names one concrete URL a generator can use as it is: the caller's own machine, where the sandbox listens", () => {
    expect(organizations.servers).toHaveLength(1);
    const [server] = organizations.servers;
    if (!server) throw new Error("v1 names no server");
    // No `{variables}`: generated clients default to a URL that answers, and swagger-parser reads it.
    expect(server.url).toBe("http://127.0.0.1:4020");
    expect(server).not.toHaveProperty("variables");
    expect(server.description).toMatch(/to call a deployment, set its base URL/);
  });
});

describe("statuses", () => {
  it("v2 tells 400 (unreadable) from 422 (read, against the contract)", () => {
    const badRequest = get(enterprise.components.responses, "BadRequest");
    const unprocessable = get(enterprise.components.responses, "UnprocessableEntity");
    expect(badRequest.description).toMatch(/could not be read/);
    expect(badRequest.description).not.toMatch(/parameter|wrong type/);
    expect(unprocessable.description).toMatch(/parameter.*wrong type/);
    expect(enterprise.info.description).toMatch(/`limit=ten` and\s+`limit=1001` are both `422`/);
  });

  it("inviteMembers says why it answers 200", () => {
    const op = get(get(enterprise.paths, "/members/invite"), "post");
    expect(Object.keys(op.responses ?? {}).filter((s) => s.startsWith("2"))).toEqual(["200"]);
    expect(op.description).toMatch(/`200`, not `201`/);
  });

  it("v1 documents no 429 and says adding one is a minor change", () => {
    const operations = Object.values(organizations.paths).flatMap((item) => Object.values(item));
    expect(operations.length).toBeGreaterThan(0);
    for (const op of operations) expect(Object.keys(op.responses ?? {})).not.toContain("429");
    expect(organizations.info.description).toMatch(/documents no `429` today/);
    expect(organizations.info.description).toMatch(/minor change/);
  });
});
