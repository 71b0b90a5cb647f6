// The gate cannot silently pass: when the contract and the client drift apart, the suite's checks
// fail, for the right reason.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createEnterpriseClient } from "@orgadmin/client";
import { type PrismServer, startPrism } from "@orgadmin/prism";
import { bundlePath } from "@orgadmin/spec/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAnswer } from "../src/check.js";
import { enterpriseCalls, MOCK_IDS } from "./support/calls.js";
import { API_KEY, contractOf, outcomeOf } from "./support/harness.js";

type Doc = { paths: Record<string, Record<string, { responses: Record<string, Record<string, unknown>> }>> };

describe("a spec whose example lost a required field", () => {
  let prism: PrismServer;
  let mutated: Doc;

  beforeAll(async () => {
    // A copy of the bundled contract, made here so it can never drift from the real one.
    const dir = mkdtempSync(join(tmpdir(), "orgadmin-mutant-"));
    mutated = JSON.parse(readFileSync(bundlePath("enterprise"), "utf8")) as Doc;
    const media = mutated.paths["/members"]?.get?.responses["200"]?.content as Record<
      string,
      { example: { members: Record<string, unknown>[] } }
    >;
    delete media["application/json"]?.example.members[0]?.email;
    const spec = join(dir, "enterprise.json");
    writeFileSync(spec, JSON.stringify(mutated));
    prism = await startPrism({ spec, logFile: join(dir, "prism.log") });
  });
  afterAll(async () => {
    await prism?.stop();
  });

  it("fails listMembers, naming the field", async () => {
    const listMembers = enterpriseCalls.listMembers;
    if (!listMembers) throw new Error("no call for listMembers");
    const { answer } = await outcomeOf((fetch) =>
      listMembers(
        createEnterpriseClient({ apiKey: API_KEY, baseUrl: prism.url, maxRetries: 0, fetch }),
        {},
        MOCK_IDS,
      ),
    );
    expect(answer.response.status).toBe(500);
    expect(() => checkAnswer(contractOf("enterprise"), "listMembers", answer, "200")).toThrow(
      /^listMembers: the answer breaks the contract\n.*\$\.members\[0\]: .*required property 'email'/,
    );
  });

  it("fails the schema check of the mutated example against the real contract", () => {
    const media = mutated.paths["/members"]?.get?.responses["200"]?.content as Record<
      string,
      { example: unknown }
    >;
    expect(contractOf("enterprise").validate("listMembers", 200, media["application/json"]?.example)).toEqual(
      ["$.members[0].email: is required but missing"],
    );
  });
});
