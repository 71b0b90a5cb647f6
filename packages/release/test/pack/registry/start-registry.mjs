// Starts Verdaccio with the config file given on the command line on 127.0.0.1 and a port the system
// picks, and prints the URL once it listens (the line the registry test waits for). SIGTERM closes it.
import { runServer } from "verdaccio";

const [config] = process.argv.slice(2);
if (!config) throw new Error("usage: start-registry.mjs <config.yaml>");
const server = await runServer(config);
server.listen(0, "127.0.0.1", () => {
  console.log(`registry listening on http://127.0.0.1:${server.address().port}/`);
});
process.once("SIGTERM", () => server.close(() => process.exit(0)));
