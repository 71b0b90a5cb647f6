// The designer loop, driven for real: `pnpm dev` (through turbo) on free ports given by the
// documented variables, against a scratch git copy of spec/. Every save style an editor or git
// uses is followed by the mock and by the generated types, three rounds in a row; the loop's
// messages are honest; and ending it by its own pid leaves nothing running.
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { freePort } from "@orgadmin/prism";
import { bundlePath } from "@orgadmin/spec/contract";
import { afterAll, describe, expect, it } from "vitest";
import {
  leftRunning,
  MEMBERS,
  pathFile,
  saveByRename,
  saveInPlace,
  scratchSpec,
  servedRevision,
  servesPath,
  startDevLoop,
  typedRevision,
  typesHavePath,
  untilReady,
  withPath,
  withRevision,
} from "../../src/dev-driver.mjs";

const ROUNDS = 3;
/** The loop's problem lines: `  file:line:col  severity  rule  message`. */
const problemLines = (texts: string[]): string[] =>
  texts.filter((text) => /^ {2}\S+:\d+:\d+ {2}(error|warn) {2}/.test(text));
const scratch = scratchSpec();
const members = join(scratch.specDir, MEMBERS);
const openapi = join(scratch.specDir, "enterprise/openapi.yaml");
const original = readFileSync(members, "utf8");

const loops: ReturnType<typeof startDevLoop>[] = [];
afterAll(async () => {
  await Promise.all(loops.map((loop) => loop.stop()));
});

describe("pnpm dev", () => {
  it("follows every save style in the mock and the types, 3 rounds in a row, and leaves nothing running", async () => {
    const ports = { enterprise: await freePort(), organizations: await freePort() };
    const running = startDevLoop({ ...scratch, ports });
    loops.push(running);
    const mockUrl = `http://127.0.0.1:${ports.enterprise}`;
    const startMark = await untilReady(running);

    // The port variables reach the mocks through turbo's strict environment mode.
    const auth = { headers: { authorization: "Bearer dev" } };
    expect((await fetch(`${mockUrl}/members`, auth)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${ports.organizations}/v1/organizations`, auth)).status).toBe(200);

    /** Saves, then waits (on the loop's own lines) until both the mock and the types show `want`. */
    async function followed(
      save: () => void,
      served: () => Promise<boolean>,
      typed: () => boolean,
    ): Promise<boolean> {
      const mark = running.lines.length;
      save();
      await running.waitUntil(/^\[dev\] enterprise mock: reloaded/, served, mark);
      await running.waitUntil(/^\[client\] enterprise types regenerated/, async () => typed(), mark);
      return (await served()) && typed();
    }
    const revision = (want: string | null) => ({
      served: async () => (await servedRevision(mockUrl)) === want,
      typed: () => typedRevision(scratch.generatedDir) === want,
    });

    const followedPerRound: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const styles: Array<() => Promise<boolean>> = [
        async () => {
          const want = revision(`r${round}-in-place`);
          return followed(
            () => saveInPlace(members, withRevision(original, `r${round}-in-place`)),
            want.served,
            want.typed,
          );
        },
        async () => {
          const want = revision(`r${round}-renamed`);
          return followed(
            () => saveByRename(members, withRevision(original, `r${round}-renamed`)),
            want.served,
            want.typed,
          );
        },
        async () => {
          const want = revision(`r${round}-in-place-again`);
          return followed(
            () => saveInPlace(members, withRevision(original, `r${round}-in-place-again`)),
            want.served,
            want.typed,
          );
        },
        async () => {
          const want = revision(null);
          return followed(() => scratch.git("checkout", "--", MEMBERS), want.served, want.typed);
        },
        async () => {
          // The path is referenced before its file exists: red, the mock keeps the last good bundle.
          const name = `revision-${round}`;
          const mark = running.lines.length;
          saveInPlace(openapi, withPath(readFileSync(openapi, "utf8"), name));
          await running.waitFor(
            /^\[dev\] enterprise mock: still serving the last good bundle \(\d\d:\d\d:\d\d\)/,
            mark,
          );
          const red = running.lines.slice(mark).map((line) => line.text);
          // The broken $ref is said once, with file:line:col and the rule; nothing else about it.
          expect(red.filter((text) => text.includes("no-unresolved-refs"))).toEqual([
            expect.stringMatching(
              /^ {2}enterprise\/openapi\.yaml:\d+:\d+ {2}error {2}no-unresolved-refs {2}Can't resolve \$ref/,
            ),
          ]);
          expect(red.filter((text) => /can't resolve reference|^\s+at /i.test(text))).toEqual([]);
          // Then the new file is created: the watcher sees a path it has never seen.
          const green = running.lines.length;
          const served = followed(
            () => writeFileSync(join(scratch.specDir, `enterprise/paths/${name}.yaml`), pathFile(name)),
            () => servesPath(mockUrl, name),
            () => typesHavePath(scratch.generatedDir, name),
          );
          const ok = await served;
          await running.waitFor(/^\[dev\] enterprise: green again/, green);
          return ok;
        },
      ];
      let followedCount = 0;
      for (const style of styles) if (await style()) followedCount++;
      followedPerRound.push(followedCount);
    }
    expect(followedPerRound).toEqual([5, 5, 5]);

    // Only the saved API was rebuilt: the other mock and its types were left alone.
    const after = running.lines.slice(startMark).map((line) => line.text);
    expect(after.filter((text) => /^\[dev\] organizations|^\[client\] organizations/.test(text))).toEqual([]);

    // Ended by its own pid: it exits, the mocks' ports close, and no process of it is left.
    await running.stop();
    await expect(fetch(`${mockUrl}/members`, auth)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${ports.organizations}/v1/organizations`, auth)).rejects.toThrow();
    expect(await leftRunning(scratch.specDir)).toEqual([]);
  }, 900_000);

  it("started on a spec that does not bundle, serves the last good bundle and says so; each problem once; green again says so", async () => {
    const red = scratchSpec();
    // The bundles a previous build left (spec's tests run after its build).
    cpSync(dirname(bundlePath("enterprise")), join(red.specDir, "dist"), { recursive: true });
    const invitations = join(red.specDir, "organizations/paths/invitations.yaml");
    const good = readFileSync(invitations, "utf8");
    writeFileSync(invitations, good.replace("CreateInvitationRequest.yaml", "CreateInvitationRequset.yaml"));
    const ports = { enterprise: await freePort(), organizations: await freePort() };
    const running = startDevLoop({ ...red, ports });
    loops.push(running);
    await untilReady(running);
    const startup = running.lines.map((line) => line.text);
    expect(problemLines(startup)).toEqual([
      expect.stringMatching(
        /^ {2}organizations\/paths\/invitations\.yaml:20:11 {2}error {2}no-unresolved-refs {2}Can't resolve \$ref/,
      ),
    ]);
    expect(startup).toContainEqual(
      expect.stringMatching(
        /^\[dev\] organizations mock: still serving the last good bundle \(\d\d:\d\d:\d\d\): the spec does not bundle$/,
      ),
    );
    const auth = { headers: { authorization: "Bearer dev" } };
    expect((await fetch(`http://127.0.0.1:${ports.organizations}/v1/organizations`, auth)).status).toBe(200);

    // A file that does not parse: one problem (not also every $ref to it), the mock keeps its bundle.
    const members = join(red.specDir, MEMBERS);
    const membersGood = readFileSync(members, "utf8");
    let mark = running.lines.length;
    writeFileSync(members, membersGood.replace("get:\n", "get:\n  operationId: [unclosed\n"));
    await running.waitFor(/^\[dev\] enterprise mock: still serving the last good bundle/, mark);
    expect(problemLines(running.lines.slice(mark).map((line) => line.text))).toEqual([
      expect.stringMatching(
        /^ {2}enterprise\/paths\/members\.yaml:\d+:\d+ {2}error {2}\S+ {2}Failed to parse/,
      ),
    ]);
    mark = running.lines.length;
    writeFileSync(members, membersGood);
    await running.waitFor(/^\[dev\] enterprise: green again: bundles and lints clean$/, mark);

    mark = running.lines.length;
    writeFileSync(invitations, good);
    await running.waitFor(/^\[dev\] organizations mock: (reloaded|serves this save)/, mark);
    await running.waitFor(/^\[dev\] organizations: green again: bundles and lints clean$/, mark);
    expect(running.transcript()).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);

    await running.stop();
    expect(await leftRunning(red.specDir)).toEqual([]);
  }, 600_000);
});
