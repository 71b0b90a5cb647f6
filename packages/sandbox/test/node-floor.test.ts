// The sandbox's Node floor: node:sqlite without its experimental warning (checked with the real
// binaries: 22.23.5, 24.14.1 and 25.6.1 print it; 24.15.0, 25.7.0 and 26 do not).
import { describe, expect, it } from "vitest";
import { unsupportedNode } from "../src/node-floor.js";

describe("the Node floor", () => {
  it.each(["20.20.2", "22.13.0", "22.23.5", "23.11.1", "24.14.1", "25.6.1"])(
    "refuses Node %s in one line",
    (v) => {
      const message = unsupportedNode(v);
      expect(message).toBe(
        `@orgadmin/sandbox needs Node 24.15 or later (it keeps --data in node:sqlite); this is Node ${v}.`,
      );
    },
  );

  it.each(["24.15.0", "24.21.0", "25.7.0", "26.12.1"])("accepts Node %s", (v) => {
    expect(unsupportedNode(v)).toBeUndefined();
  });
});
