import { describe, expect, it } from "vitest";
import { bundleSize, consumers, ENTERPRISE_ONLY_GZIP_BUDGET } from "../src/size.js";

const byName = (name: string) => {
  const consumer = consumers.find((c) => c.name === name);
  if (!consumer) throw new Error(`no consumer named ${name}`);
  return consumer;
};

describe("bundle size budget", () => {
  it(`createEnterpriseClient alone fits the ${ENTERPRISE_ONLY_GZIP_BUDGET} B gzip budget`, async () => {
    const size = await bundleSize(byName("createEnterpriseClient only"));
    expect(size.gzip).toBeLessThanOrEqual(ENTERPRISE_ONLY_GZIP_BUDGET);
  });

  it("measures the real client: our layer adds bytes on top of openapi-fetch, and everything adds more", async () => {
    const alone = await bundleSize(byName("openapi-fetch alone"));
    const enterprise = await bundleSize(byName("createEnterpriseClient only"));
    const everything = await bundleSize(byName("everything from @orgadmin/client"));
    expect(enterprise.gzip).toBeGreaterThan(alone.gzip);
    expect(everything.raw).toBeGreaterThan(enterprise.raw);
  });
});
