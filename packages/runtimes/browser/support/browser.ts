// Debian's Chromium driven by playwright-core (no browser download): a fresh profile per launch, and
// every request routed, so a test sees (and fails on) anything that would leave the machine.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
/** Why the browser tests cannot run here, or undefined when they can. */
export const unavailable = existsSync(CHROMIUM)
  ? undefined
  : `no Chromium at ${CHROMIUM} (Debian: apt-get install chromium; .ci/run installs it when run as root)`;
if (unavailable) console.warn(`browser tests skipped: ${unavailable}`);

/** Where screenshots go: artifacts/browser/ at the repository root (CI keeps artifacts/). */
export const SCREENSHOTS = new URL("../../../../artifacts/browser/", import.meta.url).pathname;

/** Chromium quiet and offline by itself: no sync, no component updates, no background fetches. */
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A loopback address or a page-local URL: nothing that leaves the machine. */
export function staysOnMachine(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === "data:" || protocol === "blob:" || protocol === "about:") return true;
  return hostname === "localhost" || hostname === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

export interface Browser {
  context: BrowserContext;
  /** Every request that would have left the machine (each was aborted). */
  offMachine: string[];
  /** Uncaught exceptions of every page. */
  pageErrors: string[];
  /** Console errors of every page (Chromium also logs each 4xx/5xx answer here). */
  consoleErrors: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function launch(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), "orgadmin-chromium-"));
  // launchPersistentContext passes the fresh profile as --user-data-dir.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
  });
  const offMachine: string[] = [];
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (staysOnMachine(url)) return route.continue();
    offMachine.push(url);
    return route.abort("blockedbyclient");
  });
  const watch = (page: Page) => {
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
  };
  context.on("page", watch);
  for (const page of context.pages()) watch(page);
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    context,
    offMachine,
    pageErrors,
    consoleErrors,
    newPage: () => context.newPage(),
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
