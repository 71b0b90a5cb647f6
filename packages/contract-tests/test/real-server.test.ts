// Real-server mode works: through `prism proxy --errors`, the suite's own check catches a server
// whose answers leave the contract, naming the operation and the JSON path.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createEnterpriseClient } from "@orgadmin/client";
import { type PrismServer, startPrism } from "@orgadmin/prism";
import { bundlePath } from "@orgadmin/spec/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAnswer } from "../src/check.js";
import { enterpriseCalls, MOCK_IDS } from "./support/calls.js";
import { API_KEY, contractOf, outcomeOf } from "./support/harness.js";
import { startWrongServer } from "./support/wrong-server.js";

describe("a wrong server behind Prism's proxy", () => {
  const contract = contractOf("enterprise");
  let wrong: Awaited<ReturnType<typeof startWrongServer>>;
  let proxy: PrismServer;

  beforeAll(async () => {
    wrong = await startWrongServer();
    const logFile = join(mkdtempSync(join(tmpdir(), "orgadmin-proxy-")), "prism.log");
    proxy = await startPrism({ spec: bundlePath("enterprise"), upstream: wrong.url, logFile });
  });
  afterAll(async () => {
    await proxy?.stop();
    await wrong?.close();
  });

  /** The answer a call got, as the server (through the proxy) sent it. */
  const call = async (operationId: string) => {
    const fn = enterpriseCalls[operationId];
    if (!fn) throw new Error(`no call for ${operationId}`);
    const { answer } = await outcomeOf((fetch) =>
      fn(createEnterpriseClient({ apiKey: API_KEY, baseUrl: proxy.url, maxRetries: 0, fetch }), {}, MOCK_IDS),
    );
    return answer;
  };

  it("fails listMembers for the missing required field, at its JSON path", async () => {
    const result = await call("listMembers");
    expect(result.response.status).toBe(500);
    expect(() => checkAnswer(contract, "listMembers", result)).toThrow(
      /^listMembers: the answer breaks the contract\n.*\$\.members\[0\]: .*required property 'email'/,
    );
  });

  it("fails listConsumptionCycles for the field of the wrong type, at its JSON path", async () => {
    const result = await call("listConsumptionCycles");
    expect(() => checkAnswer(contract, "listConsumptionCycles", result)).toThrow(
      /^listConsumptionCycles: the answer breaks the contract\n.*\$\.cycles\[0\]\.acus_used: .*must be number/,
    );
  });

  it("passes an answer that is in the contract", async () => {
    const result = await call("listSessionInsights");
    expect(result.response.status).toBe(200);
    expect(() => checkAnswer(contract, "listSessionInsights", result, "200")).not.toThrow();
  });

  it("is caught by the suite's own schema check too, without Prism", async () => {
    const fetchJson = async (path: string) => (await fetch(`${wrong.url}${path}`)).json();
    expect(contract.validate("listMembers", 200, await fetchJson("/members"))).toEqual([
      "$.members[0].email: is required but missing",
    ]);
    expect(contract.validate("listConsumptionCycles", 200, await fetchJson("/consumption/cycles"))).toEqual([
      "$.cycles[0].acus_used: must be number",
    ]);
  });
});
