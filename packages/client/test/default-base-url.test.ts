import { defaultServerUrl, readBundle } from "@orgadmin/spec/contract";
import { describe, expect, it } from "vitest";
import { DEFAULT_ENTERPRISE_BASE_URL } from "../src/index.js";

describe("default base URL", () => {
  it("is the Enterprise spec's first server, as generated from its `servers`", () => {
    expect(DEFAULT_ENTERPRISE_BASE_URL).toBe(defaultServerUrl(readBundle("enterprise")));
  });
});
