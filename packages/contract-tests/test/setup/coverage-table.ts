// Global teardown of the gate project: prints the coverage matrix as the run's last word.
import { API_NAMES, loadContract } from "@orgadmin/spec/contract";
import { readPairs } from "../../src/coverage.js";
import { judgeCoverage, summary } from "../../src/gate.js";
import { pairsFile, runDir } from "../../src/run-dir.js";
import { targetOf } from "../../src/targets.js";

export default function setup(): () => void {
  return () => {
    const contracts = API_NAMES.map((api) => loadContract(api));
    const { report } = judgeCoverage(contracts, readPairs(pairsFile(runDir())), (api) => targetOf(api).mode);
    console.log(`\n${summary(report)}\n`);
  };
}
