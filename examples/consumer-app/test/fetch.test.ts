// Way (a): the client on the sandbox's fetch, no port and no MSW.
import { createSandbox } from "@orgadmin/sandbox";
import { appSuite } from "./app-suite.js";

const sandbox = createSandbox();
appSuite(() => ({ sandbox, clientOptions: { fetch: sandbox.fetch } }));
