// Min+gzip size of what a consumer ships when it imports only createEnterpriseClient (openapi-fetch included).
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const result = await build({
  stdin: {
    contents: 'export { createEnterpriseClient } from "@orgadmin/client";',
    resolveDir: new URL("..", import.meta.url).pathname,
  },
  bundle: true,
  minify: true,
  format: "esm",
  platform: "neutral",
  write: false,
});
const code = result.outputFiles[0].contents;
const gzip = gzipSync(code, { level: 9 }).length;
console.log(`createEnterpriseClient only: ${code.length} B min, ${gzip} B min+gzip`);
