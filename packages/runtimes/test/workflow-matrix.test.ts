// The GitHub workflow claims what this machine proves: the Node floor from `engines` plus every
// Node that `pnpm test:runtimes` runs, no more, no fewer.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { parse } from "yaml";
import { RUNTIMES } from "../src/runtimes.mjs";

const root = new URL("../../../", import.meta.url);

it("tests on the Node floor and on every Node that test:runtimes proves", () => {
  const ci = parse(readFileSync(new URL(".github/workflows/ci.yml", root), "utf8"));
  const engines: string = JSON.parse(readFileSync(new URL("package.json", root), "utf8")).engines.node;
  const floor = Number(engines.match(/^>=(\d+)/)?.[1]);
  const proven = RUNTIMES.filter((r) => r.name === "node").map((r) => Number(r.version.split(".")[0]));
  expect(ci.jobs.test.strategy.matrix.node).toEqual([floor, ...proven]);
  expect(ci.jobs.test.strategy.matrix.node).toEqual([20, 22, 24, 26]);
});
