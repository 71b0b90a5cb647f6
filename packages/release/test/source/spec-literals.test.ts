// No package restates a literal the spec owns: a server URL or base path, an envelope status message
// (`SUCCESS`, …), a role name, an API alias, or the list of APIs. Each is read from the contract
// (`@orgadmin/spec/contract`) or generated from it. Only package source counts (packages/*/src and
// scripts, spec/scripts, scripts/), not tests, generated code or the reader that owns the list.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import {
  API_NAMES,
  basePath,
  envelopeMessages,
  readBundle,
  roles,
  serverUrls,
} from "@orgadmin/spec/contract";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { findSpecLiterals, type OwnedLiterals } from "./find-spec-literals.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");

const documents = API_NAMES.map((api) => readBundle(api));
const owned: OwnedLiterals = {
  urls: [...new Set([...documents.flatMap(serverUrls), ...documents.map(basePath).filter(Boolean)])],
  values: [
    ...new Set(
      documents.flatMap((doc) => {
        const messages = envelopeMessages(doc);
        return [...(messages ? [messages.success, ...Object.values(messages.errors)] : []), ...roles(doc)];
      }),
    ),
  ],
  apis: [...API_NAMES],
};

/**
 * Literals still restated, each with why: `under` is a file or a folder (ending in `/`). An entry
 * that no longer matches anything fails the last test, so the list only shrinks.
 */
const ALLOWED: Array<{ under: string; literals: string[]; why: string }> = [];

const SOURCE = /\.(ts|mts|cts|js|mjs|cjs)$/;
const SKIP = new Set(["node_modules", "dist", "generated", "lib"]);

function sourceFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (SKIP.has(name)) return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return SOURCE.test(name) && !/\.d\.[mc]?ts$/.test(name) ? [path] : [];
  });
}

function packageSources(): string[] {
  const packages = readdirSync(join(root, "packages")).map((name) => join(root, "packages", name));
  return [
    ...packages.flatMap((dir) => [...sourceFiles(join(dir, "src")), ...sourceFiles(join(dir, "scripts"))]),
    ...sourceFiles(join(root, "spec", "scripts")),
    ...sourceFiles(join(root, "scripts")),
  ];
}

const findings = packageSources().flatMap((file) =>
  findSpecLiterals(file, readFileSync(file, "utf8"), owned).map((f) => ({
    ...f,
    file: relative(root, file),
  })),
);
const covers = (a: (typeof ALLOWED)[number], f: { file: string; literal: string }) =>
  (a.under.endsWith("/") ? f.file.startsWith(a.under) : f.file === a.under) && a.literals.includes(f.literal);
const allowed = (f: { file: string; literal: string }) => ALLOWED.some((a) => covers(a, f));

describe("literals the spec owns", () => {
  it("reads what it forbids from the bundles", () => {
    expect(owned.values).toContain("SUCCESS");
    expect(owned.values).toContain("owner");
    expect(owned.urls.some((url) => url.startsWith("https://"))).toBe(true);
    // The reader's list of APIs is the one redocly.yaml registers (the only other place it lives).
    const registered = parse(readFileSync(join(root, "spec", "redocly.yaml"), "utf8")) as {
      apis: Record<string, { root: string }>;
    };
    expect(owned.apis).toEqual(Object.values(registered.apis).map(({ root }) => root.split("/")[0]));
  });

  it("finds each kind of restatement in code, and none in comments", () => {
    const sample = [
      "// SUCCESS, owner and https://api.example.test in a comment are fine",
      `const url = "${owned.urls[0]}";`,
      `const base = \`\${origin}${basePathOf()}/members\`;`,
      'if (message === "SUCCESS") ok();',
      'type Role = "owner" | "admin";',
      'const apis = ["enterprise", "organizations"];',
      'type Api = "organizations" | "enterprise";',
      'const alias = "enterprise@v2";',
      'const fine = ["enterprise", "plugins"], word = "owners", key = "sandbox-admin";',
    ].join("\n");
    expect(findSpecLiterals("sample.ts", sample, owned).map((f) => `${f.line} ${f.literal}`)).toEqual([
      `2 ${owned.urls[0]}`,
      `3 ${basePathOf()}/members`,
      "4 SUCCESS",
      "5 owner",
      "5 admin",
      "6 enterprise, organizations",
      "7 organizations, enterprise",
      "8 enterprise@v2",
    ]);
  });

  it("appear nowhere in package source", () => {
    const offending = findings
      .filter((f) => !allowed(f))
      .map((f) => `${f.file}:${f.line}: ${JSON.stringify(f.literal)} restates ${f.what}`);
    expect(offending).toEqual([]);
  });

  it("allows only what is still there", () => {
    const stale = ALLOWED.flatMap((a) =>
      a.literals
        .filter((literal) => !findings.some((f) => covers({ ...a, literals: [literal] }, f)))
        .map((literal) => `${a.under} ${literal}`),
    );
    expect(stale).toEqual([]);
  });
});

function basePathOf(): string {
  const path = documents.map(basePath).find(Boolean);
  if (!path) throw new Error("no API has a base path");
  return path;
}
