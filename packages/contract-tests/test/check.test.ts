// The shared answer check names the operation and the JSON path, from Ajv and from Prism alike.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundlePath, jsonPath, loadContract } from "@orgadmin/spec/contract";
import { describe, expect, it } from "vitest";
import { checkAnswer } from "../src/check.js";

const enterprise = loadContract("enterprise");
const answer = (status: number, body: unknown) => ({ response: new Response(null, { status }), data: body });

describe("checkAnswer", () => {
  it("accepts a documented status with a body of its schema", () => {
    expect(() =>
      checkAnswer(enterprise, "listMembers", answer(401, { code: "invalid_api_key", message: "no" }), "401"),
    ).not.toThrow();
  });

  it("names the operation and every JSON path that breaks the schema", () => {
    const body = { members: [{ id: "user_1", name: 7, role: "admin", joined_at: "2024-01-01T00:00:00Z" }] };
    expect(() => checkAnswer(enterprise, "listMembers", answer(200, body))).toThrow(
      "listMembers: the answer breaks the contract\n  $.members[0].email: is required but missing\n  $.members[0].name: must be string,null",
    );
  });

  it("refuses an undocumented status and an unexpected one", () => {
    // The bundle without listMembers' `default` response: a 404 is then documented nowhere.
    const document = JSON.parse(readFileSync(bundlePath("enterprise"), "utf8"));
    delete document.paths["/members"].get.responses.default;
    const file = join(mkdtempSync(join(tmpdir(), "orgadmin-check-")), "enterprise.json");
    writeFileSync(file, JSON.stringify(document));
    expect(() => checkAnswer(loadContract("enterprise", file), "listMembers", answer(404, {}))).toThrow(
      "HTTP 404 is not documented for listMembers",
    );
    const error = { code: "invalid_api_key", message: "no" };
    expect(() => checkAnswer(enterprise, "listMembers", answer(401, error), "200")).toThrow(
      "HTTP 401 where HTTP 200 was expected",
    );
  });

  it("takes the HTTP layer's answers through the default response, and nothing else through it", () => {
    const notAllowed = { code: "method_not_allowed", message: "This path has no PATCH operation." };
    expect(() => checkAnswer(enterprise, "listMembers", answer(405, notAllowed))).not.toThrow();
    // listMembers documents no 404: an operation's own error is no transport answer.
    expect(() =>
      checkAnswer(enterprise, "listMembers", answer(404, { code: "not_found", message: "gone" })),
    ).toThrow("$.code: must be equal to one of the allowed values");
  });

  it("turns Prism's violation report into JSON paths", () => {
    const report = {
      type: "https://stoplight.io/prism/errors#VIOLATIONS",
      validation: [{ location: ["response", "body", "cycles", "0", "acus_used"], message: "must be number" }],
    };
    expect(() => checkAnswer(enterprise, "listConsumptionCycles", answer(500, report))).toThrow(
      "response $.cycles[0].acus_used: must be number (reported by Prism)",
    );
  });

  it("writes JSON pointers as JSON paths", () => {
    expect(jsonPath("")).toBe("$");
    expect(jsonPath("/logs/12/target")).toBe("$.logs[12].target");
    expect(jsonPath("/a~1b/c~0d")).toBe("$.a/b.c~d");
  });
});
