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
  { rule: "other-changed", after: [["set", `${GET}/operationId`, "members"]], where: "document" },
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

  it("ignores the order of security alternatives and scopes", () => {
    const a = edit(baseDocument(), [["set", "/security", [{ bearer: ["a", "b"] }, { key: [] }]]]);
    const b = edit(baseDocument(), [["set", "/security", [{ key: [] }, { bearer: ["b", "a"] }]]]);
    const changes = classify(a, b);
    expect(changes.map((c) => c.rule)).not.toContain("security-changed");
    expect(requiredBump(changes)).toBe("patch");
  });
});
