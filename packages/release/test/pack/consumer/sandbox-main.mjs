// Asks the sandbox at the URL given on the command line through the compiled consumer; prints JSON.
import { askSandbox } from "./dist/consumer.js";

console.log(JSON.stringify(await askSandbox(process.argv[2])));
