// Two sandboxes started at the same instant on one data file, 100 times: never both serving. An
// end-to-end proof (200 real starts, about half a minute), so it runs in the e2e tier.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RACE_CHILD } from "../test/support/cli.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "sandbox-race-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the data file's lock", () => {
  it("never lets two sandboxes started at the same instant on one file both serve (100 pairs)", async () => {
    // Two processes, each ready to start a sandbox on a line of stdin: both get theirs at once.
    const sides = [0, 1].map(() => {
      const child = spawn(process.execPath, [RACE_CHILD], { stdio: ["pipe", "pipe", "inherit"] });
      const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
      const next = async () => {
        const { value, done } = await lines.next();
        if (done) throw new Error("the race child exited");
        return value as string;
      };
      return { child, next, send: (line: string) => child.stdin.write(`${line}\n`) };
    });
    const outcomes = new Map<string, number>();
    try {
      for (let pair = 0; pair < 100; pair++) {
        // Half the pairs race to create the file, half to open one that exists.
        const file = join(dir, pair % 2 === 0 ? `fresh-${pair}.db` : "shared.db");
        for (const side of sides) side.send(`open ${file}`);
        const answers = await Promise.all(sides.map((side) => side.next()));
        const serving = answers.filter((a) => a.startsWith("listening on")).length;
        const refused = answers.filter((a) =>
          /^refused: .* is in use by another sandbox: stop it or give this one another --data file$/.test(a),
        ).length;
        // Every answer is one of the two: serving, or refused with the message that says why.
        expect(serving + refused, answers.join("\n")).toBe(2);
        const key = `${serving} serving, ${refused} refused`;
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
        for (const side of sides) side.send("close");
        expect(await Promise.all(sides.map((side) => side.next()))).toEqual(["closed", "closed"]);
      }
    } finally {
      for (const side of sides) side.child.stdin.end();
      await Promise.all(
        sides.map((side) => (side.child.exitCode === null ? once(side.child, "exit") : undefined)),
      );
    }
    // Never both. On a starved machine both may be refused now and then (each gave up waiting while
    // the other held the lock for a moment): safe, since no file ever has two writers.
    expect(outcomes.get("2 serving, 0 refused")).toBeUndefined();
    expect(outcomes.get("1 serving, 1 refused")).toBeGreaterThan(0);
    // A ceiling for 200 sandbox starts on a busy 2-core machine, not a budget.
  }, 600_000);
});
