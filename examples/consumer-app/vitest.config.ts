// The same suite three ways. The browser is Debian's Chromium (/usr/bin/chromium), driven through
// Playwright with no browser download, quiet and offline by itself.
import { playwright } from "@vitest/browser-playwright";
import { defineConfig } from "vitest/config";

const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
];

export default defineConfig({
  test: {
    projects: [
      { test: { name: "fetch", include: ["test/fetch.test.ts"] } },
      { test: { name: "msw-node", include: ["test/msw-node.test.ts"] } },
      {
        test: {
          name: "msw-browser",
          include: ["test/msw-browser.test.ts"],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: {
                executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
                args: CHROMIUM_FLAGS,
              },
            }),
            instances: [{ browser: "chromium" }],
          },
        },
      },
    ],
  },
});
