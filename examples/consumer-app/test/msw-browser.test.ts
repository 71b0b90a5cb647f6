// Way (c): MSW's setupWorker in Chromium; the app's clients keep their default fetch and base URLs.
import { createSandbox } from "@orgadmin/sandbox";
import { handlers } from "@orgadmin/sandbox/msw";
import { setupWorker } from "msw/browser";
import { afterAll, beforeAll, expect, it } from "vitest";
import { appSuite } from "./app-suite.js";

const sandbox = createSandbox();
const worker = setupWorker(...handlers(sandbox));
beforeAll(async () => {
  // Nothing the handlers do not answer may leave the machine: an unhandled request is an error.
  await worker.start({ onUnhandledFrame: "error", quiet: true });
});
afterAll(() => worker.stop());

it("runs in a browser", () => {
  expect(typeof window).toBe("object");
  expect(navigator.userAgent).toMatch(/Chrome/);
});

appSuite(() => ({ sandbox, clientOptions: {} }));
