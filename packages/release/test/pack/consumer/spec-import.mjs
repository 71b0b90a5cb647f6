// The two ways spec/README.md shows to read the installed documents: JSON with an import attribute,
// YAML by resolving its path.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import enterprise from "@orgadmin/spec/enterprise.json" with { type: "json" };

const path = fileURLToPath(import.meta.resolve("@orgadmin/spec/organizations.yaml"));
const yaml = await readFile(path, "utf8");
console.log(
  JSON.stringify({
    openapi: enterprise.openapi,
    paths: Object.keys(enterprise.paths).length,
    yamlStartsWith: yaml.split("\n")[0],
  }),
);
