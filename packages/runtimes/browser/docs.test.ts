// Each reference page (spec/dist/docs/<api>.html: Scalar's API reference, its script beside the
// pages), served from a loopback port, with every request routed: anything that would leave the
// machine is recorded and aborted, and the tests fail on it. The pages show the overview (v1's
// permission matrix, v2's admin-only rule), every operation with who may call it and its code
// samples, and "try it" sends a request to a sandbox on this machine and shows the answer.
// Screenshots: artifacts/browser/docs-<api>-overview.png, docs-<api>-samples.png (an operation
// with its Python sample) and docs-<api>-try-it.png (the request and the sandbox's answer).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Sandbox, startSandbox } from "@orgadmin/sandbox";
import {
  API_NAMES,
  type ApiName,
  bundlePath,
  defaultServerUrl,
  operationsOf,
  readBundle,
  statusesOf,
} from "@orgadmin/spec/contract";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, launch, SCREENSHOTS, unavailable } from "./support/browser.js";
import { type Served, serve } from "./support/serve.js";

const WAIT = { timeout: 60_000 };
/** The built reference: dist/docs/ beside the bundles. */
const DOCS = join(dirname(bundlePath("enterprise")), "docs");
// The spec's code samples, in the spec package's own folder (found through its declared entry).
const samplesDir = `${dirname(fileURLToPath(import.meta.resolve("@orgadmin/spec/package.json")))}/samples/`;
/** Each sample file's extension → the label the page's sample picker shows for it. */
const SAMPLE_LABELS: Record<string, string> = {
  ts: "TypeScript (@orgadmin/client)",
  sh: "curl",
  py: "Python (requests)",
};

/** The rows of the markdown table in the API's description that starts with `| action |`. */
function permissionRows(description: string): string[][] {
  const lines = description.split("\n").map((l) => l.trim());
  const start = lines.findIndex((l) => l.startsWith("| action |"));
  if (start === -1) return [];
  const rows: string[][] = [];
  for (const line of lines.slice(start)) {
    if (!line.startsWith("|")) break;
    const cells = line
      .split("|")
      .slice(1, -1)
      .map((c) => c.trim());
    if (cells.every((c) => /^-+$/.test(c))) continue;
    rows.push(cells);
  }
  return rows;
}

const cellsText = (cells: string[]) => cells.join(" ").replace(/\s+/g, " ").trim();

/** What the browser recorded from now on: requests off the machine, exceptions, console errors. */
function watch(browser: Browser) {
  const from = [browser.offMachine.length, browser.pageErrors.length, browser.consoleErrors.length] as const;
  return () => ({
    offMachine: browser.offMachine.slice(from[0]),
    pageErrors: browser.pageErrors.slice(from[1]),
    consoleErrors: browser.consoleErrors.slice(from[2]),
  });
}
const CLEAN = { offMachine: [], pageErrors: [], consoleErrors: [] };

/** What the page must say about who may call an operation, read from the bundle. */
function permissionWords(api: ApiName, operation: Record<string, unknown>): string[] {
  const permission = operation["x-orgadmin-permission"] as { roles?: string[] } | undefined;
  if (permission) return permission.roles?.length ? permission.roles : ["Any caller with a valid API key"];
  // No extension: the words of the security scheme the operation needs.
  const doc = readBundle(api) as unknown as {
    components: { securitySchemes: Record<string, { description: string }> };
  };
  const [scheme] = Object.values(doc.components.securitySchemes);
  return [String(scheme?.description.replace(/^An? /, "").split(",")[0])];
}

describe.skipIf(unavailable)("the reference pages in Chromium", () => {
  let browser: Browser;
  let site: Served;
  let sandbox: Sandbox;

  beforeAll(async () => {
    const type = (file: string) => (file.endsWith(".js") ? "text/javascript" : "text/html; charset=utf-8");
    site = await serve(
      Object.fromEntries(
        readdirSync(DOCS).map((file) => [
          `/${file}`,
          { type: type(file), body: readFileSync(join(DOCS, file)) },
        ]),
      ),
    );
    sandbox = await startSandbox({ port: 0, log: () => {} });
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
    await site?.close();
  });

  describe.each(API_NAMES)("%s.html", (name) => {
    const bundle = readBundle(name);
    const info = bundle.info as { title: string; description: string };
    const operations = operationsOf(bundle).map(({ method, path, operation }) => ({
      method: method.toUpperCase(),
      path,
      operation: operation as Record<string, unknown>,
      operationId: String(operation.operationId),
      summary: String(operation.summary),
      status: Number(statusesOf(operation)[0]),
    }));
    let page: Page;

    /** The operation's section: Scalar's id ends in `/<METHOD><path>`. */
    const sectionOf = (op: { method: string; path: string }) =>
      page.locator(`[id$="/${op.method}${op.path}"]`);

    beforeAll(async () => {
      page = await browser.newPage();
    });
    afterAll(async () => {
      await page?.close();
    });

    it("opens offline, with the overview and no identifier broken across lines in a table", async () => {
      const seen = watch(browser);
      await page.goto(`${site.url}/${name}.html`);
      await page.getByRole("heading", { level: 1, name: info.title }).waitFor({ state: "visible", ...WAIT });
      const rows = permissionRows(info.description);
      if (name === "organizations") {
        // owner/admin/member per action, as the spec's own table states it.
        expect(rows.length).toBeGreaterThanOrEqual(7);
        const rendered = await page
          .locator(".markdown table tr")
          .evaluateAll((trs) =>
            trs.map((tr) => [...tr.querySelectorAll("th, td")].map((cell) => cell.textContent ?? "")),
          );
        const renderedRows = rendered.map(cellsText);
        for (const row of rows) expect(renderedRows).toContain(cellsText(row).replaceAll("`", ""));
      } else {
        // v2 has one role: the overview says every call needs an Enterprise admin key.
        expect(rows).toEqual([]);
        await page
          .getByText("Every call needs an Enterprise admin key", { exact: false })
          .first()
          .waitFor({ state: "visible", ...WAIT });
      }
      // `BAD_REQUEST` in a narrow column stays on one line (each code span is one box).
      const broken = await page
        .locator(".markdown table code, .markdown table th")
        .evaluateAll((cells) => cells.filter((c) => c.getClientRects().length > 1).map((c) => c.textContent));
      expect(broken).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, `docs-${name}-overview.png`) });
      expect(seen()).toEqual(CLEAN);
    });

    it(`shows each of its ${operations.length} operations with who may call it and its code samples`, async () => {
      expect(operations.length).toBeGreaterThan(0);
      const seen = watch(browser);
      for (const op of operations) {
        const section = sectionOf(op);
        // Scalar renders an operation's contents once it comes into view.
        await section.scrollIntoViewIfNeeded();
        await section
          .getByText(op.summary, { exact: true })
          .first()
          .waitFor({ state: "visible", ...WAIT });
        const text = ((await section.textContent()) ?? "").replace(/\s+/g, " ");
        const said = /Who may call it: ([^.]*\.(?: [^.]*\.)?)/.exec(text)?.[1] ?? "";
        for (const word of permissionWords(name, op.operation)) {
          expect(said.toLowerCase(), op.operationId).toContain(word.toLowerCase());
        }
        // One of our samples is shown (the reader's last choice, else TypeScript), its code on the page.
        const picked = await section.getByTestId("client-picker").getAttribute("aria-label");
        const ext = Object.entries(SAMPLE_LABELS).find(([, label]) => picked?.endsWith(`: ${label}`))?.[0];
        expect(ext, `${op.operationId}: ${picked}`).toBeDefined();
        const source = readFileSync(join(samplesDir, name, `${op.operationId}.${ext}`), "utf8");
        expect(text.replace(/\s+/g, ""), op.operationId).toContain(source.replace(/\s+/g, ""));
      }
      expect(seen()).toEqual(CLEAN);
    });

    it("offers every sample language and sends a request to the sandbox with try it", async () => {
      const seen = watch(browser);
      // The first GET of the document: a call whose answer the sandbox's starting data fills.
      const op = operations.find((o) => o.method === "GET");
      if (!op) throw new Error(`${name} has no GET operation`);
      const section = sectionOf(op);
      await section.scrollIntoViewIfNeeded();

      const picker = section.getByTestId("client-picker");
      await picker.click();
      for (const label of Object.values(SAMPLE_LABELS)) {
        await page
          .getByRole("option", { name: label })
          .or(page.getByText(label, { exact: true }))
          .first()
          .waitFor(WAIT);
      }
      await page.getByText("Python (requests)", { exact: true }).last().click();
      await section
        .getByText("import requests")
        .first()
        .waitFor({ state: "visible", ...WAIT });
      await page.screenshot({ path: join(SCREENSHOTS, `docs-${name}-samples.png`) });

      // The page's server is the sandbox on port {port}: point it at this run's sandbox.
      const port = new URL(sandbox.url).port;
      await page.getByLabel("port").first().fill(port);
      const base = new URL(defaultServerUrl(bundle)).pathname.replace(/\/$/, "");
      const target = `${sandbox.url}${base}${op.path}`;
      const answered = page.waitForResponse((response) => response.url().split("?")[0] === target, WAIT);
      await section.getByRole("button", { name: /Test Request/ }).click();
      await page.getByRole("button", { name: /^Send/ }).first().click();
      const response = await answered;
      expect(response.status()).toBe(op.status);
      // The answer is on the page: its status and a value from its body.
      const body = JSON.stringify(await response.json());
      const value = /"(?:email|name)":"([^"]+)"/.exec(body)?.[1];
      expect(value, body).toBeTruthy();
      await page
        .getByText(`${op.status} OK`)
        .first()
        .waitFor({ state: "visible", ...WAIT });
      await page
        .getByText(String(value))
        .first()
        .waitFor({ state: "visible", ...WAIT });
      await page.screenshot({ path: join(SCREENSHOTS, `docs-${name}-try-it.png`) });
      expect(seen()).toEqual(CLEAN);
    });
  });
});
