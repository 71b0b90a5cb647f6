// Runs the compiled consumer against the URLs given on the command line and prints its answers as JSON.
import { run } from "./dist/consumer.js";

const [enterpriseUrl, organizationsUrl] = process.argv.slice(2);
console.log(JSON.stringify(await run(enterpriseUrl, organizationsUrl)));
