// Each bundle passes two validators nobody here wrote, beside our own lint: @readme/openapi-parser
// (OpenAPI schema, then its own semantic checks such as unique operationIds and resolvable `$ref`s)
// and @seriousme/openapi-schema-validator (the OpenAPI 3.1 JSON Schema with its dialect). Each is
// also shown a broken copy, so a validator that accepts anything fails here.
import { validate as readmeValidate } from "@readme/openapi-parser";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { API_NAMES, readBundle } from "../src/apis.js";

const validators = {
  "@readme/openapi-parser": async (doc: unknown) => {
    const result = await readmeValidate(structuredClone(doc) as never);
    return result.valid ? [] : result.errors.map((e) => e.message);
  },
  "@seriousme/openapi-schema-validator": async (doc: unknown) => {
    const result = await new Validator().validate(structuredClone(doc) as object);
    return result.valid ? [] : [JSON.stringify(result.errors)];
  },
};

describe.each(Object.entries(validators))("%s", (_, problemsOf) => {
  it.each(API_NAMES)("finds nothing wrong with the %s bundle", async (api) => {
    expect(await problemsOf(readBundle(api))).toEqual([]);
  });

  it("refuses a bundle whose response has no description", async () => {
    const doc = JSON.parse(JSON.stringify(readBundle("enterprise")));
    doc.paths["/members"].get.responses["200"] = { content: {} };
    expect(await problemsOf(doc)).not.toEqual([]);
  });
});
