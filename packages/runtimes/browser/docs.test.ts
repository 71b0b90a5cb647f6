// Each reference page (spec/dist/docs/<api>.html), served from a loopback port, opens with no
// request leaving the machine (every request is routed; any other address is recorded and
// aborted), shows every operation of its bundle and the permission matrix, and throws and logs no
// error. Screenshots: artifacts/browser/docs-<api>-overview.png and one operation page per API.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { API_NAMES, type ApiName, bundlePath, operationsOf, readBundle } from "@orgadmin/spec/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, launch, SCREENSHOTS, unavailable } from "./support/browser.js";
import { type Served, serve } from "./support/serve.js";

const WAIT = { timeout: 60_000 };
/** The rendered page beside the bundle: dist/docs/<api>.html. */
const docsPage = (api: ApiName) => join(dirname(bundlePath(api)), "docs", `${api}.html`);

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

describe.skipIf(unavailable)("the reference pages in Chromium", () => {
  let browser: Browser;
  let site: Served;

  beforeAll(async () => {
    const page = (api: ApiName) => ({ type: "text/html; charset=utf-8", body: readFileSync(docsPage(api)) });
    site = await serve(Object.fromEntries(API_NAMES.map((api) => [`/${api}.html`, page(api)])));
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  describe.each(API_NAMES)("%s.html", (name) => {
    const bundle = readBundle(name);
    const info = bundle.info as { title: string; description: string };
    const operations = operationsOf(bundle).map(({ method, path, operation }) => ({
      method,
      path,
      operationId: String(operation.operationId),
      summary: String(operation.summary),
      tag: String((operation.tags as string[] | undefined)?.[0]),
      permission: operation["x-orgadmin-permission"],
    }));

    it("opens offline with the permission matrix on its overview", async () => {
      const seen = watch(browser);
      const page = await browser.newPage();
      await page.goto(`${site.url}/${name}.html`);
      await page.getByRole("heading", { level: 1, name: info.title }).waitFor({ state: "visible", ...WAIT });
      // The footer badge's logo is drawn only once the page has hydrated (the heading above is
      // server-rendered): it loaded means the page's script ran, and from the page itself.
      await page.waitForFunction(
        () => {
          const logo = document.querySelector<HTMLImageElement>('img[alt="redocly logo"]');
          return logo?.complete && logo.naturalWidth > 0 && logo.src.startsWith("data:");
        },
        undefined,
        WAIT,
      );
      const rows = permissionRows(info.description);
      if (name === "organizations") {
        // owner/admin/member per action, as the spec's own table states it.
        expect(rows.length).toBeGreaterThanOrEqual(7);
        const rendered = await page
          .locator("table tr")
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
          .waitFor({ state: "visible", ...WAIT });
      }
      await page.screenshot({ path: join(SCREENSHOTS, `docs-${name}-overview.png`), fullPage: true });
      await page.close();
      expect(seen()).toEqual(CLEAN);
    });

    it(`shows each of its ${operations.length} operations with its method, path and permission`, async () => {
      expect(operations.length).toBeGreaterThan(0);
      const seen = watch(browser);
      const page = await browser.newPage();
      for (const op of operations) {
        // Each operation's own address, opened as a fresh load (a link shared with a colleague).
        const route = `${op.tag.toLowerCase().replaceAll(" ", "-")}/${op.operationId.toLowerCase()}`;
        await page.goto("about:blank");
        await page.goto(`${site.url}/${name}.html#/${route}`);
        // Redoc renders the operation in an element whose id is its route.
        const section = page.locator(`[id="${route}"]`);
        await section
          .locator("h2", { hasText: new RegExp(`^${op.summary.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) })
          .waitFor({ state: "visible", ...WAIT });
        // biome-ignore lint/performance/useDomNodeTextContent: what a reader sees, laid out ("POST /v1/…").
        const text = (await section.innerText()).replace(/\s+/g, " ");
        expect(text, op.operationId).toContain(`${op.method.toUpperCase()} ${op.path}`);
        if (op.permission) {
          expect(text, op.operationId).toContain(`orgadmin-permission: ${JSON.stringify(op.permission)}`);
        }
      }
      const last = operations.at(-1);
      await page.screenshot({ path: join(SCREENSHOTS, `docs-${name}-${last?.operationId}.png`) });
      await page.close();
      expect(seen()).toEqual(CLEAN);
    });
  });
});
