// Runs after every contract test (its project has a later group order): fails, listing what is
// missing, unless the run exercised every documented (operationId, status) pair.

import { API_NAMES, loadContract } from "@orgadmin/spec/contract";
import { expect, inject, it } from "vitest";
import { readPairs } from "../src/coverage.js";
import { judgeCoverage } from "../src/gate.js";
import { pairsFile } from "../src/run-dir.js";
import { targetOf } from "../src/targets.js";
import "./setup/provided.js";

it("exercised every documented (operationId, status) pair", () => {
  const contracts = API_NAMES.map((api) => loadContract(api));
  const exercised = readPairs(pairsFile(inject("runDir")));
  const { report, problems } = judgeCoverage(contracts, exercised, (api) => targetOf(api).mode);
  expect(problems.join("\n"), "coverage gate").toBe("");
  expect(report.documented).toBeGreaterThan(0);
});
