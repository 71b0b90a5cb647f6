// The bundles carry each operation's code samples, and the reference page (dist/docs/<api>.html)
// shows a reader's view of them: the sandbox as first server, who may call each operation in words.
// The browser test (packages/runtimes) opens the pages; this checks what the build writes.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { API_NAMES, type OpenApiDocument, operationsOf, readBundle } from "@orgadmin/spec/contract";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { permissionInWords, referenceDocument, SANDBOX_PORT } from "../scripts/reference.mjs";
import { addCodeSamples, LANGUAGES, samplesDir } from "../scripts/samples.mjs";

const dist = new URL("../dist/", import.meta.url);

describe.each(API_NAMES)("the %s bundle", (api) => {
  const json = readBundle(api);

  it("carries a sample per language on every operation, as the files under samples/ hold them", () => {
    for (const { operation } of operationsOf(json)) {
      const samples = operation["x-codeSamples"] as Array<{ lang: string; label: string; source: string }>;
      expect(
        samples?.map((s) => s.label),
        String(operation.operationId),
      ).toEqual(Object.values(LANGUAGES).map((l) => l.label));
      for (const [ext, { label }] of Object.entries(LANGUAGES)) {
        const file = join(samplesDir, api, `${operation.operationId}.${ext}`);
        expect(samples.find((s) => s.label === label)?.source).toBe(readFileSync(file, "utf8"));
      }
    }
  });

  it("says the same in YAML as in JSON", () => {
    expect(parse(readFileSync(new URL(`${api}.yaml`, dist), "utf8"))).toEqual(json);
  });

  it("publishes its own servers only; the page adds the sandbox first", () => {
    const page = readFileSync(new URL(`docs/${api}.html`, dist), "utf8");
    const shown = referenceDocument(json);
    expect(page).toContain(JSON.stringify(shown).replaceAll("<", "\\u003c"));
    expect(shown.servers[0].url).toMatch(/^http:\/\/127\.0\.0\.1:\{port\}/);
    expect(shown.servers[0].variables.port.default).toBe(SANDBOX_PORT);
    expect(json.servers?.map((s) => s.url)).not.toContain(shown.servers[0].url);
  });

  it("loads nothing from elsewhere: its one script sits beside it, connections stay on loopback", () => {
    const page = readFileSync(new URL(`docs/${api}.html`, dist), "utf8");
    const sources = [...page.matchAll(/<(?:script|link|img)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(sources).toEqual(["data:,", "scalar-api-reference.js"]);
    const csp = /Content-Security-Policy" content="([^"]+)"/.exec(page)?.[1] ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/connect-src 'self' http:\/\/127\.0\.0\.1:\* http:\/\/localhost:\*(;|$)/);
    expect(page).toContain('"withDefaultFonts":false');
    expect(page).toContain('"telemetry":false');
  });
});

describe("who may call an operation, in words", () => {
  const v2 = readBundle("enterprise");
  const withRoles = (roles: string[] | undefined, extra = {}) => ({
    "x-orgadmin-permission": { action: "a", scope: "organization", roles, ...extra },
  });

  it("names the roles of v1's permission extension, and the owner-only rule", () => {
    expect(permissionInWords(v2, withRoles(["owner", "admin"]))).toBe(
      "Owners and admins of the organization.",
    );
    expect(permissionInWords(v2, withRoles(["owner", "admin", "member"]))).toBe(
      "Owners, admins and members of the organization.",
    );
    expect(permissionInWords(v2, withRoles(["owner", "admin"], { target_roles: { owner: ["owner"] } }))).toBe(
      "Owners and admins of the organization. Acting on an owner is for owners only.",
    );
    expect(permissionInWords(v2, { "x-orgadmin-permission": { action: "a", scope: "account" } })).toBe(
      "Any caller with a valid API key.",
    );
  });

  it("names v2's Enterprise roles from its own extension", () => {
    const [first] = operationsOf(v2);
    expect(permissionInWords(v2, first?.operation ?? {})).toBe("Admins of the enterprise.");
  });

  it("falls back to the security scheme's own words for an operation without the extension", () => {
    const [first] = operationsOf(v2);
    const { "x-orgadmin-permission": _, ...bare } = first?.operation ?? {};
    expect(permissionInWords(v2, bare)).toMatch(/^Requires an Enterprise admin API key/);
  });

  it("opens every operation's description on the page", () => {
    for (const api of API_NAMES) {
      const shown = referenceDocument(readBundle(api)) as OpenApiDocument;
      for (const { operation } of operationsOf(shown))
        expect(operation.description).toMatch(/^\*\*Who may call it:\*\* /);
    }
  });
});

describe("samples in the bundle", () => {
  it("refuses a sample for an operation the API does not have", () => {
    const doc = structuredClone(readBundle("enterprise"));
    // An operation renamed without its samples: the old name's files no longer match.
    const [first] = operationsOf(doc);
    if (!first) throw new Error("no operation");
    first.operation.operationId = "renamedOperation";
    expect(() => addCodeSamples("enterprise", doc)).toThrow(
      /samples for operations the API does not have: listMembers/,
    );
  });

  it("is what the package ships: no page of the reference", () => {
    const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    for (const pattern of manifest.files as string[]) expect(pattern).not.toMatch(/docs|dist\/\*\*|^dist$/);
  });
});
