// The one Redocly, on a scratch spec directory with its own redocly.yaml.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apisOf,
  bundle,
  formatProblem,
  lint,
  loadRedocly,
  REDOCLY_ENV,
  writeDocument,
} from "../src/redocly.js";

let dir: string;

const api = (withSummary: boolean) => `openapi: 3.1.0
info:
  title: Things
  version: 1.0.0
  license: { name: MIT, identifier: MIT }
servers:
  - url: https://things.test
paths:
  /things:
    get:
      operationId: listThings
${withSummary ? "      summary: List things\n" : ""}      x-note: shown
      responses:
        "200":
          description: The things.
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Things" }
components:
  schemas:
    Things: { type: array, items: { type: string } }
`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "orgadmin-redocly-"));
  mkdirSync(join(dir, "things"));
  mkdirSync(join(dir, "broken"));
  writeFileSync(join(dir, "things", "openapi.yaml"), api(true));
  writeFileSync(join(dir, "broken", "openapi.yaml"), api(false));
  writeFileSync(
    join(dir, "redocly.yaml"),
    "extends: [minimal]\nrules:\n  operation-summary: error\napis:\n  things@v1:\n    root: things/openapi.yaml\n",
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("redocly", () => {
  it("turns telemetry and the update notice off", () => {
    expect(REDOCLY_ENV).toEqual({ REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" });
    expect(process.env.REDOCLY_TELEMETRY).toBe("off");
  });

  it("knows the APIs redocly.yaml registers", async () => {
    const redocly = await loadRedocly(dir);
    expect([...apisOf(redocly)]).toEqual([["things@v1", join(dir, "things", "openapi.yaml")]]);
    const errors = (await lint(redocly, "things@v1")).filter((p) => p.severity === "error");
    expect(errors).toEqual([]);
  });

  it("fails a lint with the rule and the place of each problem, with the root rules for any file", async () => {
    const problems = await lint(await loadRedocly(dir), "broken/openapi.yaml");
    expect(problems.filter((p) => p.severity === "error").map(formatProblem)).toEqual([
      "broken/openapi.yaml:10:5  error  operation-summary  Operation object should contain `summary` field.",
    ]);
  });

  it("bundles an API into one document and writes it as JSON or YAML by the file's extension", async () => {
    const redocly = await loadRedocly(dir);
    const { document, problems } = await bundle(redocly, "things@v1");
    expect(problems).toEqual([]);
    expect(Object.keys((document as { paths: object }).paths)).toEqual(["/things"]);
    await writeDocument(document, join(dir, "out", "things.json"));
    await writeDocument(document, join(dir, "out", "things.yaml"));
    expect(JSON.parse(readFileSync(join(dir, "out", "things.json"), "utf8"))).toEqual(document);
    expect(readFileSync(join(dir, "out", "things.yaml"), "utf8")).toMatch(/^openapi: 3\.1\.0/);
  });

  it("gives no document when the bundle has errors, and says where", async () => {
    writeFileSync(
      join(dir, "broken", "ref.yaml"),
      api(true).replace("#/components/schemas/Things", "#/nowhere"),
    );
    const { document, problems } = await bundle(await loadRedocly(dir), "broken/ref.yaml");
    expect(document).toBeNull();
    expect(problems.map(formatProblem)).toEqual([
      expect.stringMatching(
        /^broken\/ref\.yaml:\d+:\d+ {2}error {2}no-unresolved-refs {2}Can't resolve \$ref/,
      ),
    ]);
  });
});
