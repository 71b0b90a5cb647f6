// The interactive reference, dist/docs/<api>.html: Scalar's API reference over the bundle, with each
// operation's code samples and a "try it" client pointed at the sandbox on this machine. It works
// offline: Scalar's standalone script is copied from node_modules next to the pages (no CDN), its
// fonts, telemetry, proxy and hosted helpers are off, and the page's Content-Security-Policy lets it
// connect to loopback addresses only. The browser test (packages/runtimes) fails on any request
// that leaves the machine.
//
// What the page shows differs from the published bundle in two ways, both for a reader only:
// - the sandbox is the first server (v2 publishes production alone), its port a variable;
// - each operation's description starts with who may call it, in words.
import { copyFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** Scalar's standalone bundle (its CSS inside), as the pages load it. */
export const SCALAR_SCRIPT = "scalar-api-reference.js";
// The package exports no path to it: found beside its main entry (dist/index.js).
const scalarSource = join(
  dirname(createRequire(import.meta.url).resolve("@scalar/api-reference")),
  "browser",
  "standalone.js",
);

/** The sandbox's default address (`pnpm sandbox`, `orgadmin-sandbox`); the port is editable in the page. */
export const SANDBOX_PORT = "4020";

/** The sandbox's key for each API's "try it", as its README lists them (the browser test proves them). */
const SANDBOX_KEYS = { enterprise: "sandbox-enterprise-admin", organizations: "sandbox-owner" };

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

const capitalized = (text) => text.charAt(0).toUpperCase() + text.slice(1);
const plural = (role) => (role.endsWith("s") ? role : `${role}s`);

/** "owners", "owners and admins", "owners, admins and members". */
function listed(words) {
  return words.length <= 1 ? words.join("") : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

/**
 * Who may call an operation, in words: from its `x-orgadmin-permission`, else from the description
 * of the security scheme it needs (v2: "An Enterprise admin API key, …").
 */
export function permissionInWords(doc, operation) {
  const permission = operation["x-orgadmin-permission"];
  if (permission) {
    const { scope, roles, target_roles: targetRoles } = permission;
    if (!roles?.length) return "Any caller with a valid API key.";
    let words = `${capitalized(listed(roles.map(plural)))} of the ${scope}.`;
    for (const [target, allowed] of Object.entries(targetRoles ?? {}))
      words += ` Acting on ${/^[aeiou]/.test(target) ? "an" : "a"} ${target} is for ${listed(allowed.map(plural))} only.`;
    return words;
  }
  const requirements = operation.security ?? doc.security ?? [];
  const schemes = requirements.flatMap((requirement) => Object.keys(requirement));
  const described = schemes
    .map((name) => doc.components?.securitySchemes?.[name]?.description)
    .filter(Boolean);
  if (described.length === 0) return undefined;
  return `Requires ${described.map((d) => d.replace(/^An? /, (a) => a.toLowerCase())).join(" or ")}`;
}

/** The local sandbox as a server: the bundle's first server's path on 127.0.0.1:{port}. */
function sandboxServer(doc) {
  const first = doc.servers?.[0]?.url ?? "/";
  const path = new URL(first, "http://127.0.0.1").pathname.replace(/\/$/, "");
  return {
    url: `http://127.0.0.1:{port}${path}`,
    description: "The sandbox on your machine (pnpm sandbox, or npx -p @orgadmin/sandbox orgadmin-sandbox)",
    variables: { port: { default: SANDBOX_PORT, description: "The port the sandbox listens on" } },
  };
}

/** The bundle as the page shows it: the sandbox first among the servers, permissions in words. */
export function referenceDocument(doc) {
  const shown = structuredClone(doc);
  const sandbox = sandboxServer(doc);
  const atDefault = sandbox.url.replace("{port}", SANDBOX_PORT);
  shown.servers = [sandbox, ...(doc.servers ?? []).filter((server) => server.url !== atDefault)];
  for (const item of Object.values(shown.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item?.[method];
      if (!operation) continue;
      const words = permissionInWords(doc, operation);
      if (words) operation.description = `**Who may call it:** ${words}\n\n${operation.description ?? ""}`;
    }
  }
  return shown;
}

/** Scalar's settings: nothing hosted, nothing generated besides our own samples. */
function configuration(api) {
  return {
    theme: "default",
    layout: "modern",
    withDefaultFonts: false,
    telemetry: false,
    hideClientButton: false,
    showDeveloperTools: "never",
    documentDownloadType: "none",
    // Only the samples we write and test (x-codeSamples); no generated clients in other languages.
    hiddenClients: true,
    mcp: { disabled: true },
    agent: { disabled: true },
    persistAuth: false,
    // Every operation on the page from the start: a reader's find-in-page sees them all.
    defaultOpenAllTags: true,
    // A table cell never breaks an identifier (`BAD_REQUEST`) or a header mid-word.
    customCss: ".markdown table code, .markdown table th { white-space: nowrap; word-break: normal; }",
    authentication: {
      preferredSecurityScheme: "bearerAuth",
      securitySchemes: { bearerAuth: { token: SANDBOX_KEYS[api] ?? "" } },
    },
  };
}

// Loopback only: "try it" reaches the sandbox, and nothing else can be reached from the page.
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' http://127.0.0.1:* http://localhost:*",
  "worker-src 'self' blob:",
].join("; ");

/** JSON safe inside a <script> element. */
const scriptJson = (value) => JSON.stringify(value).replaceAll("<", "\\u003c");

const escapeHtml = (text) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

/** Writes dist/docs/<api>.html and, beside it, Scalar's script. */
export function renderReference(api, doc, outDir) {
  copyFileSync(scalarSource, join(outDir, SCALAR_SCRIPT));
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<link rel="icon" href="data:,">
<title>${escapeHtml(doc.info.title)} ${escapeHtml(doc.info.version)} reference</title>
</head>
<body>
<div id="reference"></div>
<script id="document" type="application/json">${scriptJson(referenceDocument(doc))}</script>
<script src="${SCALAR_SCRIPT}"></script>
<script>
Scalar.createApiReference("#reference", {
  ...${scriptJson(configuration(api))},
  content: JSON.parse(document.getElementById("document").textContent),
});
</script>
</body>
</html>
`;
  writeFileSync(join(outDir, `${api}.html`), html);
}
