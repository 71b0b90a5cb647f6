// Way (b): MSW's setupServer in Node; the app's clients keep their default fetch and base URLs.
import { createSandbox } from "@orgadmin/sandbox";
import { handlers } from "@orgadmin/sandbox/msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll } from "vitest";
import { appSuite } from "./app-suite.js";

const sandbox = createSandbox();
const server = setupServer(...handlers(sandbox));
// Nothing the handlers do not answer may leave the machine: an unhandled request is an error.
beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
afterAll(() => server.close());

appSuite(() => ({ sandbox, clientOptions: {} }));
