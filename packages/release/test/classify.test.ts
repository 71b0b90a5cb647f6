import { API_NAMES, readBundle } from "@orgadmin/spec/contract";
import { describe, expect, it } from "vitest";
import { classify, RULES, type Rule, requiredBump } from "../src/classify.js";
import { baseDocument, edit, type Op } from "./support/documents.js";

const GET = "/paths/~1members/get";
const POST = "/paths/~1members/post";
const LIMIT = `${GET}/parameters/0`;
const BODY = `${POST}/requestBody`;
const INVITE = `${BODY}/content/application~1json/schema`;
const OK = `${GET}/responses/200/content/application~1json`;
const MEMBER = "/components/schemas/Member";
const TOO_MANY = "/components/responses/TooManyRequests";
const RETRY_AFTER = "/components/headers/RetryAfter";
const RETRY_AT = "POST /members 429 header retry-after";
const REGIONAL = "https://{region}.example.com/v1";
/** The document's server with a `region` variable, as edits for `edit`. */
const region = (variable: object): Op[] => [
  ["set", "/servers/0", { url: REGIONAL, variables: { region: variable } }],
];

interface Case {
  rule: Rule;
  /** Edits that make the "before" document; the "after" document is the base with `after` edits. */
  before?: Op[];
  after?: Op[];
  where: string;
}

const cases: Case[] = [
  { rule: "path-removed", after: [["remove", "/paths/~1members"]], where: "/members" },
  { rule: "operation-removed", after: [["remove", POST]], where: "POST /members" },
  { rule: "parameter-removed", after: [["remove", LIMIT]], where: "GET /members query limit" },
  {
    rule: "parameter-added-required",
    after: [
      [
        "set",
        `${GET}/parameters/-`,
        { name: "org", in: "query", required: true, schema: { type: "string" } },
      ],
    ],
    where: "GET /members query org",
  },
  {
    rule: "parameter-became-required",
    after: [["set", `${LIMIT}/required`, true]],
    where: "GET /members query limit",
  },
  { rule: "request-body-added-required", before: [["remove", BODY]], where: "POST /members request body" },
  {
    rule: "request-body-became-required",
    before: [["set", `${BODY}/required`, false]],
    where: "POST /members request body",
  },
  { rule: "request-body-removed", after: [["remove", BODY]], where: "POST /members request body" },
  {
    rule: "request-field-removed",
    after: [["remove", `${INVITE}/properties/role`]],
    where: "POST /members request body application/json: role",
  },
  {
    rule: "request-field-added-required",
    after: [
      ["set", `${INVITE}/properties/message`, { type: "string" }],
      ["set", `${INVITE}/required/-`, "message"],
    ],
    where: "POST /members request body application/json: message",
  },
  {
    rule: "request-field-became-required",
    after: [["set", `${INVITE}/required/-`, "role"]],
    where: "POST /members request body application/json: role",
  },
  {
    rule: "response-field-removed",
    after: [["remove", `${MEMBER}/properties/name`]],
    where: "GET /members 200 application/json: members[].name",
  },
  {
    rule: "response-field-became-optional",
    after: [["remove", `${MEMBER}/required/1`]],
    where: "GET /members 200 application/json: members[].role",
  },
  {
    rule: "enum-value-removed",
    after: [["remove", `${MEMBER}/properties/role/enum/2`]],
    where: "GET /members 200 application/json: members[].role",
  },
  {
    rule: "enum-value-removed",
    after: [["remove", `${INVITE}/properties/role/enum/0`]],
    where: "POST /members request body application/json: role",
  },
  {
    rule: "response-enum-value-added",
    after: [["set", `${MEMBER}/properties/role/enum/-`, "billing"]],
    where: "GET /members 200 application/json: members[].role",
  },
  {
    rule: "request-type-narrowed",
    before: [["set", `${LIMIT}/schema/type`, "number"]],
    where: "GET /members query limit",
  },
  {
    rule: "request-type-narrowed",
    after: [["set", `${INVITE}/additionalProperties`, false]],
    where: "POST /members request body application/json",
  },
  {
    rule: "response-type-widened",
    after: [["set", `${MEMBER}/properties/name/type`, ["string", "null"]]],
    where: "GET /members 200 application/json: members[].name",
  },
  {
    rule: "request-bound-narrowed",
    after: [["set", `${LIMIT}/schema/maximum`, 50]],
    where: "GET /members query limit",
  },
  {
    rule: "request-bound-narrowed",
    after: [["set", `${INVITE}/properties/emails/items/pattern`, "@example\\.com$"]],
    where: "POST /members request body application/json: emails[]",
  },
  {
    rule: "response-bound-widened",
    after: [["remove", `${MEMBER}/properties/name/maxLength`]],
    where: "GET /members 200 application/json: members[].name",
  },
  { rule: "response-removed", after: [["remove", `${GET}/responses/401`]], where: "GET /members 401" },
  {
    rule: "media-type-removed",
    before: [["set", `${GET}/responses/200/content/text~1csv`, { schema: { type: "string" } }]],
    where: "GET /members 200 text/csv",
  },
  {
    rule: "security-changed",
    after: [["set", `${GET}/security`, [{ bearer: ["admin"] }]]],
    where: "GET /members",
  },
  { rule: "security-changed", after: [["set", "/security", []]], where: "POST /members" },
  {
    rule: "security-scheme-changed",
    after: [["set", "/components/securitySchemes/bearer/scheme", "basic"]],
    where: "securityScheme bearer",
  },
  {
    rule: "permission-narrowed",
    before: [
      [
        "set",
        `${POST}/x-orgadmin-permission`,
        { action: "invite", scope: "organization", roles: ["owner", "admin"] },
      ],
    ],
    after: [
      ["set", `${POST}/x-orgadmin-permission`, { action: "invite", scope: "organization", roles: ["owner"] }],
    ],
    where: "POST /members x-orgadmin-permission",
  },
  // Value constraints replaced by another value: the new value rejects some of what the old accepted.
  {
    rule: "request-bound-narrowed",
    after: [["set", `${INVITE}/properties/emails/items/format`, "idn-email"]],
    where: "POST /members request body application/json: emails[]",
  },
  {
    rule: "response-bound-widened",
    after: [["set", `${MEMBER}/properties/email/format`, "idn-email"]],
    where: "GET /members 200 application/json: members[].email",
  },
  {
    rule: "response-bound-widened",
    before: [["set", `${MEMBER}/properties/name/pattern`, "^[A-Z]"]],
    after: [["set", `${MEMBER}/properties/name/pattern`, "^[a-z]"]],
    where: "GET /members 200 application/json: members[].name",
  },
  // `const` is a one-value enum: replacing it removes the old value and adds the new one.
  {
    rule: "enum-value-removed",
    before: [["set", `${MEMBER}/properties/role`, { type: "string", const: "admin" }]],
    after: [["set", `${MEMBER}/properties/role`, { type: "string", const: "member" }]],
    where: "GET /members 200 application/json: members[].role",
  },
  {
    rule: "response-header-removed",
    after: [["remove", `${TOO_MANY}/headers/Retry-After`]],
    where: RETRY_AT,
  },
  {
    rule: "response-header-became-optional",
    after: [["set", `${RETRY_AFTER}/required`, false]],
    where: RETRY_AT,
  },
  {
    rule: "response-type-widened",
    after: [["set", `${RETRY_AFTER}/schema/type`, "string"]],
    where: RETRY_AT,
  },
  { rule: "response-bound-widened", after: [["remove", `${RETRY_AFTER}/schema/minimum`]], where: RETRY_AT },
  { rule: "operation-id-changed", after: [["set", `${GET}/operationId`, "members"]], where: "GET /members" },
  { rule: "operation-id-changed", after: [["remove", `${POST}/operationId`]], where: "POST /members" },
  {
    rule: "servers-changed",
    after: [["set", "/servers/0/url", "https://api.example.com/v2"]],
    where: "document servers",
  },
  {
    rule: "servers-changed",
    before: [["set", "/servers/-", { url: "https://eu.example.com/v1" }]],
    where: "document servers",
  },
  {
    rule: "servers-changed",
    after: [["set", `${GET}/servers`, [{ url: "https://read.example.com/v1" }]]],
    where: "GET /members servers",
  },
  {
    rule: "servers-changed",
    before: [
      ["set", "/paths/~1members/servers", [{ url: "https://members.example.com/v1" }]],
      ["set", "/paths/~1teams", { get: { responses: { "200": { description: "Teams." } } } }],
    ],
    after: [["set", "/paths/~1teams", { get: { responses: { "200": { description: "Teams." } } } }]],
    where: "/members servers",
  },
  {
    rule: "servers-changed",
    after: [
      ["set", "/servers/0", { url: "https://eu.example.com/v1" }],
      ["set", "/servers/-", { url: "https://api.example.com/v1" }],
    ],
    where: "document servers",
  },
  {
    rule: "server-variable-value-removed",
    before: region({ default: "us", enum: ["us", "eu"] }),
    after: region({ default: "us", enum: ["us"] }),
    where: "document servers",
  },
  {
    rule: "server-variable-value-removed",
    before: region({ default: "us" }),
    after: region({ default: "us", enum: ["us"] }),
    where: "document servers",
  },
  {
    rule: "server-variable-default-changed",
    before: region({ default: "us", enum: ["us", "eu"] }),
    after: region({ default: "eu", enum: ["us", "eu"] }),
    where: "document servers",
  },

  {
    rule: "path-added",
    after: [["set", "/paths/~1teams", { get: { responses: { "200": { description: "Teams." } } } }]],
    where: "/teams",
  },
  {
    rule: "operation-added",
    after: [["set", `/paths/~1members/delete`, { responses: { "204": { description: "Gone." } } }]],
    where: "DELETE /members",
  },
  {
    rule: "parameter-added-optional",
    after: [["set", `${GET}/parameters/-`, { name: "offset", in: "query", schema: { type: "integer" } }]],
    where: "GET /members query offset",
  },
  {
    rule: "parameter-became-optional",
    after: [["set", `${GET}/parameters/1/required`, false]],
    where: "GET /members header x-org",
  },
  {
    rule: "request-body-added-optional",
    before: [["remove", BODY]],
    after: [["set", `${BODY}/required`, false]],
    where: "POST /members request body",
  },
  {
    rule: "request-body-became-optional",
    after: [["set", `${BODY}/required`, false]],
    where: "POST /members request body",
  },
  {
    rule: "request-field-added-optional",
    after: [["set", `${INVITE}/properties/message`, { type: "string" }]],
    where: "POST /members request body application/json: message",
  },
  {
    rule: "request-field-became-optional",
    after: [["remove", `${INVITE}/required/0`]],
    where: "POST /members request body application/json: emails",
  },
  {
    rule: "response-field-added",
    after: [["set", `${MEMBER}/properties/joined_at`, { type: "string", format: "date-time" }]],
    where: "GET /members 200 application/json: members[].joined_at",
  },
  {
    rule: "response-field-became-required",
    after: [["set", `${MEMBER}/required/-`, "name"]],
    where: "GET /members 200 application/json: members[].name",
  },
  {
    rule: "request-enum-value-added",
    after: [["set", `${INVITE}/properties/role/enum/-`, "owner"]],
    where: "POST /members request body application/json: role",
  },
  {
    rule: "request-type-widened",
    after: [["set", `${LIMIT}/schema/type`, "number"]],
    where: "GET /members query limit",
  },
  {
    rule: "response-type-narrowed",
    before: [["set", `${MEMBER}/properties/name/type`, ["string", "null"]]],
    where: "GET /members 200 application/json: members[].name",
  },
  {
    rule: "request-bound-widened",
    after: [["set", `${INVITE}/properties/emails/minItems`, 0]],
    where: "POST /members request body application/json: emails",
  },
  {
    rule: "response-bound-narrowed",
    after: [["set", `${MEMBER}/properties/name/maxLength`, 50]],
    where: "GET /members 200 application/json: members[].name",
  },
  {
    rule: "response-added",
    after: [["set", `${GET}/responses/429`, { description: "Slow down." }]],
    where: "GET /members 429",
  },
  {
    rule: "media-type-added",
    after: [["set", `${GET}/responses/200/content/text~1csv`, { schema: { type: "string" } }]],
    where: "GET /members 200 text/csv",
  },
  {
    rule: "security-scheme-added",
    after: [["set", "/components/securitySchemes/apiKey", { type: "apiKey", in: "header", name: "X-Key" }]],
    where: "securityScheme apiKey",
  },
  {
    rule: "permission-rule-changed",
    before: [
      ["set", `${POST}/x-orgadmin-permission`, { action: "invite", scope: "organization", roles: ["owner"] }],
    ],
    after: [
      [
        "set",
        `${POST}/x-orgadmin-permission`,
        { action: "invite", scope: "organization", roles: ["owner"], keeps_role: "owner" },
      ],
    ],
    where: "POST /members x-orgadmin-permission keeps_role",
  },
  {
    rule: "permission-widened",
    before: [
      ["set", `${POST}/x-orgadmin-permission`, { action: "invite", scope: "organization", roles: ["owner"] }],
    ],
    after: [
      [
        "set",
        `${POST}/x-orgadmin-permission`,
        { action: "invite", scope: "organization", roles: ["admin", "owner"] },
      ],
    ],
    where: "POST /members x-orgadmin-permission",
  },
  {
    rule: "response-header-added",
    after: [["set", `${TOO_MANY}/headers/X-RateLimit-Reset`, { schema: { type: "integer" } }]],
    where: "POST /members 429 header x-ratelimit-reset",
  },
  {
    rule: "response-header-became-required",
    before: [["set", `${RETRY_AFTER}/required`, false]],
    where: RETRY_AT,
  },
  { rule: "response-bound-narrowed", after: [["set", `${RETRY_AFTER}/schema/maximum`, 60]], where: RETRY_AT },
  { rule: "operation-id-added", before: [["remove", `${POST}/operationId`]], where: "POST /members" },
  {
    rule: "server-added",
    after: [["set", "/servers/-", { url: "https://eu.example.com/v1" }]],
    where: "document servers",
  },
  {
    rule: "server-variable-value-added",
    before: region({ default: "us", enum: ["us"] }),
    after: region({ default: "us", enum: ["us", "eu"] }),
    where: "document servers",
  },
  {
    rule: "server-added",
    after: [
      [
        "set",
        `${GET}/servers`,
        [{ url: "https://api.example.com/v1" }, { url: "https://eu.example.com/v1" }],
      ],
    ],
    where: "GET /members servers",
  },

  { rule: "docs-changed", after: [["set", `${GET}/description`, "Every member."]], where: "GET /members" },
  {
    rule: "docs-changed",
    after: [["set", `${MEMBER}/properties/email/description`, "Login address."]],
    where: "GET /members 200 application/json: members[].email",
  },
  {
    rule: "example-changed",
    after: [["set", `${OK}/example`, { members: [] }]],
    where: "GET /members 200 application/json",
  },
  {
    rule: "docs-changed",
    after: [["set", "/servers/0/description", "Production (EU)"]],
    where: "document servers",
  },
  {
    rule: "docs-changed",
    before: region({ default: "us", description: "Where the data lives." }),
    after: region({ default: "us", description: "Data residency region." }),
    where: "document servers",
  },
  {
    rule: "docs-changed",
    after: [["set", `${RETRY_AFTER}/description`, "Wait this long."]],
    where: RETRY_AT,
  },
  { rule: "other-changed", after: [["set", "/tags", [{ name: "members" }]]], where: "document" },
];

describe("classify", () => {
  it.each(cases)("$rule at $where", ({ rule, before = [], after = [], where }) => {
    const changes = classify(edit(baseDocument(), before), edit(baseDocument(), after));
    expect(changes).toContainEqual(expect.objectContaining({ rule, where, level: RULES[rule].level }));
    // The bump a document pair needs is the highest level among its changes.
    const expected = { breaking: "major", minor: "minor", patch: "patch" }[RULES[rule].level];
    expect(requiredBump(changes)).toBe(expected);
  });

  it("has a case for every rule in the table", () => {
    const covered = new Set(cases.map((c) => c.rule));
    expect(Object.keys(RULES).filter((rule) => !covered.has(rule as Rule))).toEqual([]);
  });

  it("finds nothing between identical documents", () => {
    const changes = classify(baseDocument(), baseDocument());
    expect(changes).toEqual([]);
    expect(requiredBump(changes)).toBe("none");
  });

  it("treats a path that appears only in one document as added or removed, not its operations", () => {
    const changes = classify(edit(baseDocument(), [["remove", "/paths/~1members"]]), baseDocument());
    expect(changes).toEqual([{ rule: "path-added", level: "minor", where: "/members" }]);
  });

  it("compares properties composed with allOf", () => {
    const composed: Op[] = [
      [
        "set",
        MEMBER,
        {
          allOf: [
            { type: "object", required: ["email"], properties: { email: { type: "string" } } },
            { type: "object", properties: { role: { type: "string" } } },
          ],
        },
      ],
    ];
    const without = edit(baseDocument(), [...composed, ["remove", `${MEMBER}/allOf/1/properties/role`]]);
    expect(classify(edit(baseDocument(), composed), without)).toEqual([
      {
        rule: "response-field-removed",
        level: "breaking",
        where: "GET /members 200 application/json: members[].role",
      },
    ]);
  });

  it("terminates on recursive schemas and still sees changes inside them", () => {
    const tree: Op[] = [["set", `${MEMBER}/properties/manager`, { $ref: "#/components/schemas/Member" }]];
    const before = edit(baseDocument(), tree);
    const after = edit(before, [["remove", `${MEMBER}/properties/name`]]);
    const changes = classify(before, after);
    expect(changes.map((c) => c.where)).toContain("GET /members 200 application/json: members[].name");
    expect(changes.every((c) => c.rule === "response-field-removed")).toBe(true);
  });

  it("reports a type change in both directions as breaking on either side", () => {
    const swapped = edit(baseDocument(), [
      ["set", `${LIMIT}/schema/type`, "string"],
      ["set", `${MEMBER}/properties/name/type`, "integer"],
    ]);
    const rules = classify(baseDocument(), swapped).map((c) => c.rule);
    expect(rules).toEqual(expect.arrayContaining(["request-type-narrowed", "response-type-widened"]));
  });

  it("reads multipleOf by divisibility: a multiple of the old step narrows, a divisor widens", () => {
    const step = (n: number) => edit(baseDocument(), [["set", `${MEMBER}/properties/name/multipleOf`, n]]);
    const limitStep = (n: number) => edit(baseDocument(), [["set", `${LIMIT}/schema/multipleOf`, n]]);
    const rules = (a: object, b: object) => classify(a, b).map((c) => c.rule);
    expect(rules(step(2), step(4))).toEqual(["response-bound-narrowed"]);
    expect(rules(step(4), step(2))).toEqual(["response-bound-widened"]);
    expect(rules(step(2), step(3))).toEqual(["response-bound-widened"]);
    expect(rules(limitStep(4), limitStep(2))).toEqual(["request-bound-widened"]);
    expect(rules(limitStep(2), limitStep(3))).toEqual(["request-bound-narrowed"]);
  });

  it("compares multipleOf steps exactly, not by float division", () => {
    const limitStep = (n: number) => edit(baseDocument(), [["set", `${LIMIT}/schema/multipleOf`, n]]);
    const rules = (a: object, b: object) => classify(a, b).map((c) => c.rule);
    // 0.3 / 0.1 is 2.9999999999999996 in floating point; every multiple of 0.3 is one of 0.1.
    expect(rules(limitStep(0.3), limitStep(0.1))).toEqual(["request-bound-widened"]);
    expect(rules(limitStep(0.1), limitStep(0.3))).toEqual(["request-bound-narrowed"]);
    expect(rules(limitStep(0.7), limitStep(0.07))).toEqual(["request-bound-widened"]);
    expect(rules(limitStep(1e-7), limitStep(3e-7))).toEqual(["request-bound-narrowed"]);
    expect(rules(limitStep(0.2), limitStep(0.3))).toEqual(["request-bound-narrowed"]);
  });

  it("reads const as a one-value enum: const a and enum [a] accept the same values", () => {
    const role = (schema: object) => edit(baseDocument(), [["set", `${INVITE}/properties/role`, schema]]);
    const changes = classify(
      role({ type: "string", const: "admin" }),
      role({ type: "string", enum: ["admin"] }),
    );
    expect(changes.map((c) => c.rule)).toEqual(["other-changed"]);
    expect(requiredBump(changes)).toBe("patch");
    const back = classify(
      role({ type: "string", enum: ["admin"] }),
      role({ type: "string", const: "admin" }),
    );
    expect(requiredBump(back)).toBe("patch");
    // Widening from const a to enum [a, b] is a new request value, nothing more.
    const wider = classify(role({ const: "admin" }), role({ enum: ["admin", "member"] }));
    expect(wider).toEqual([
      {
        rule: "request-enum-value-added",
        level: "minor",
        where: "POST /members request body application/json: role",
        detail: '"member"',
      },
    ]);
  });

  it("reads uniqueItems as a constraint: turning it on narrows, off widens", () => {
    const unique = edit(baseDocument(), [["set", `${INVITE}/properties/emails/uniqueItems`, true]]);
    expect(classify(baseDocument(), unique).map((c) => c.rule)).toEqual(["request-bound-narrowed"]);
    expect(classify(unique, baseDocument()).map((c) => c.rule)).toEqual(["request-bound-widened"]);
  });

  it("matches response headers by name in any case and leaves Content-Type to the media types", () => {
    const renamed = edit(baseDocument(), [
      ["remove", `${TOO_MANY}/headers/Retry-After`],
      ["set", `${TOO_MANY}/headers/retry-after`, { $ref: "#/components/headers/RetryAfter" }],
      ["set", `${TOO_MANY}/headers/Content-Type`, { schema: { type: "string" } }],
    ]);
    // The bundles differ only in spelling, which the catch-all reports as a patch.
    expect(classify(baseDocument(), renamed).map((c) => c.rule)).toEqual(["other-changed"]);
  });

  it("reports an operationId rename next to other changes, not only when nothing else changed", () => {
    const changes = classify(
      baseDocument(),
      edit(baseDocument(), [
        ["set", `${GET}/operationId`, "members"],
        ["set", `${MEMBER}/properties/joined_at`, { type: "string" }],
      ]),
    );
    expect(changes.map((c) => c.rule).sort()).toEqual(["operation-id-changed", "response-field-added"]);
    expect(changes[0]).toMatchObject({ detail: '"listMembers" → "members"' });
    expect(requiredBump(changes)).toBe("major");
  });

  it("names the server URLs and variables in a server change, without their descriptions", () => {
    const moved = edit(baseDocument(), [
      [
        "set",
        "/servers/0",
        { url: "https://{host}/v1", variables: { host: { default: "api.example.com" } } },
      ],
    ]);
    expect(classify(baseDocument(), moved)).toEqual([
      {
        rule: "servers-changed",
        level: "breaking",
        where: "document servers",
        detail:
          '{"url":"https://api.example.com/v1","variables":{}} → ' +
          '{"url":"https://{host}/v1","variables":{"host":{"default":"api.example.com"}}}',
      },
    ]);
  });

  it("compares the servers each operation is called on, so moving them between levels changes nothing", () => {
    const servers = baseDocument().servers;
    const ontoOperations = edit(baseDocument(), [
      ["remove", "/servers"],
      ["set", `${GET}/servers`, servers],
      ["set", `${POST}/servers`, servers],
    ]);
    const ontoPath = edit(baseDocument(), [["set", "/paths/~1members/servers", servers]]);
    for (const after of [ontoOperations, ontoPath]) {
      const changes = classify(baseDocument(), after);
      expect(changes.map((c) => c.rule)).toEqual(["other-changed"]);
      expect(requiredBump(changes)).toBe("patch");
    }
    // The same move with a different URL on one operation is a change of that operation only.
    const moved = edit(ontoOperations, [["set", `${POST}/servers/0/url`, "https://invite.example.com/v1"]]);
    expect(classify(baseDocument(), moved).map((c) => `${c.rule} ${c.where}`)).toEqual([
      "servers-changed POST /members servers",
    ]);
  });

  it("reads an added server variable value as minor and a changed default as breaking", () => {
    const widened = classify(
      edit(baseDocument(), region({ default: "us", enum: ["us"] })),
      edit(baseDocument(), region({ default: "us", enum: ["us", "eu"] })),
    );
    expect(widened).toEqual([
      {
        rule: "server-variable-value-added",
        level: "minor",
        where: "document servers",
        detail: `${REGIONAL} {region} "eu"`,
      },
    ]);
    expect(requiredBump(widened)).toBe("minor");
    const moved = classify(
      edit(baseDocument(), region({ default: "us", enum: ["us", "eu"] })),
      edit(baseDocument(), region({ default: "eu", enum: ["us", "eu"] })),
    );
    expect(moved).toEqual([
      {
        rule: "server-variable-default-changed",
        level: "breaking",
        where: "document servers",
        detail: `${REGIONAL} {region} "us" → "eu"`,
      },
    ]);
    expect(requiredBump(moved)).toBe("major");
  });

  it("reports a server change once per operation, per path or per document, whichever covers it", () => {
    const teams = { get: { responses: { "200": { description: "Teams." } } } };
    const base = edit(baseDocument(), [["set", "/paths/~1teams", teams]]);
    const where = (ops: Op[]) => classify(base, edit(base, ops)).map((c) => c.where);
    expect(where([["set", "/servers/0/url", "https://api.example.com/v2"]])).toEqual(["document servers"]);
    expect(where([["set", "/paths/~1members/servers", [{ url: "https://api.example.com/v2" }]]])).toEqual([
      "/members servers",
    ]);
    expect(where([["set", `${GET}/servers`, [{ url: "https://api.example.com/v2" }]]])).toEqual([
      "GET /members servers",
    ]);
  });

  it("classifies a whole new API by its paths, not as a server change", () => {
    const changes = classify({}, baseDocument());
    expect(changes.map((c) => c.rule)).not.toContain("servers-changed");
    expect(requiredBump(changes)).toBe("minor");
  });

  it("ignores the order of security alternatives and scopes", () => {
    const a = edit(baseDocument(), [["set", "/security", [{ bearer: ["a", "b"] }, { key: [] }]]]);
    const b = edit(baseDocument(), [["set", "/security", [{ key: [] }, { bearer: ["b", "a"] }]]]);
    const changes = classify(a, b);
    expect(changes.map((c) => c.rule)).not.toContain("security-changed");
    expect(requiredBump(changes)).toBe("patch");
  });
});

describe("the bundles as they are", () => {
  // Response objects are open to additions, so a server may send a field before the contract lists it;
  // listing it later is a minor change, never a breaking one.
  it.each(API_NAMES)("classifies a new field on every %s response object as minor", (api) => {
    const before = readBundle(api);
    const schemas = Object.entries(before.components?.schemas ?? {}).filter(
      ([name, schema]) =>
        (schema as { type?: unknown }).type === "object" && !/Request$|Input$|Update$/.test(name),
    );
    expect(schemas.length).toBeGreaterThan(5);
    for (const [name] of schemas) {
      const after = edit(before, [
        ["set", `/components/schemas/${name}/properties/added_later`, { type: "string" }],
      ]);
      const changes = classify(before, after);
      expect(changes.length, name).toBeGreaterThan(0);
      expect(requiredBump(changes), `${name}: ${changes.map((c) => c.rule).join(", ")}`).toBe("minor");
    }
  });
});
