// Section "devloop": how long a designer waits in `pnpm dev`. The real loop (turbo, both tasks) runs
// against a scratch git copy of spec/; every save style is timed from the save to (a) the mock
// serving the edit and (b) the generated types carrying it, 10 saves of each. Times are taken when
// the loop's own line arrives ("mock: reloaded", "types regenerated"), after which the bench checks
// the mock's answer and the types file; a line whose state does not hold yet is skipped.
// Baseline, same run: the Redocly work of one save alone (bundle and lint both APIs in this
// process, the floor under what the loop does before its mock and types can follow).
import { writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { freePort, killAllNow } from "@orgadmin/prism";
import { bundle, loadRedocly } from "@orgadmin/redocly";
import { API_NAMES } from "@orgadmin/spec/contract";
import { timedStep } from "./processes.js";
import { median, ms, ratio } from "./stats.js";
import { printNote, printTable, verdict } from "./table.js";

export const SAVE_BUDGET_MS = 1_000;
const SAVES_PER_STYLE = 10;
const BASELINE_RUNS = 3;

interface Line {
  index: number;
  text: string;
  at: number;
}
interface DevLoop {
  lines: Line[];
  waitFor(pattern: RegExp, from?: number, ceilingMs?: number): Promise<Line>;
  waitUntil(pattern: RegExp, matches: () => Promise<boolean> | boolean, from: number): Promise<Line>;
  stop(): Promise<unknown>;
}
interface Scratch {
  root: string;
  specDir: string;
  generatedDir: string;
  git(...args: string[]): unknown;
}
/** src/dev-driver.mjs: the same driver the designer-loop test uses. */
interface Driver {
  MEMBERS: string;
  scratchSpec(): Scratch;
  startDevLoop(options: Scratch & { ports: { enterprise: number; organizations: number } }): DevLoop;
  untilReady(loop: DevLoop): Promise<number>;
  leftRunning(specDir: string): Promise<number[]>;
  withRevision(original: string, revision: string): string;
  servedRevision(mockUrl: string): Promise<string | null>;
  typedRevision(generatedDir: string): string | null;
  withPath(openapi: string, name: string): string;
  pathFile(name: string): string;
  servesPath(mockUrl: string, name: string): Promise<boolean>;
  typesHavePath(generatedDir: string, name: string): boolean;
  saveInPlace(file: string, text: string): void;
  saveByRename(file: string, text: string): void;
}

const STYLES = [
  "in place",
  "rename-over",
  "in place after a rename",
  "git checkout",
  "new path file",
] as const;
type Style = (typeof STYLES)[number];

interface Sample {
  mockMs: number;
  typesMs: number;
}

export async function runDevLoop(): Promise<void> {
  const driver = (await import(new URL("../src/dev-driver.mjs", import.meta.url).href)) as Driver;
  const scratch = driver.scratchSpec();
  const baseline = await baselineMs(scratch.specDir);

  const ports = { enterprise: await freePort(), organizations: await freePort() };
  const loop = driver.startDevLoop({ ...scratch, ports });
  const samples = new Map<Style, Sample[]>(STYLES.map((style) => [style, []]));
  try {
    await driver.untilReady(loop);
    const mockUrl = `http://127.0.0.1:${ports.enterprise}`;
    const members = join(scratch.specDir, driver.MEMBERS);
    const openapi = join(scratch.specDir, "enterprise/openapi.yaml");
    const original = await readFile(members, "utf8");

    /** Times one save until the mock and the types both show it. */
    async function time(
      save: () => void,
      served: () => Promise<boolean>,
      typed: () => boolean,
    ): Promise<Sample> {
      const mark = loop.lines.length;
      const start = performance.now();
      save();
      const mock = await loop.waitUntil(/^\[dev\] enterprise mock: reloaded/, served, mark);
      const types = await loop.waitUntil(/^\[client\] enterprise types regenerated/, typed, mark);
      return { mockMs: mock.at - start, typesMs: types.at - start };
    }
    const revision = (want: string | null) =>
      [
        async () => (await driver.servedRevision(mockUrl)) === want,
        () => driver.typedRevision(scratch.generatedDir) === want,
      ] as const;

    for (let round = 1; round <= SAVES_PER_STYLE; round++) {
      const edit = (tag: string) => driver.withRevision(original, `b${round}-${tag}`);
      samples
        .get("in place")
        ?.push(await time(() => driver.saveInPlace(members, edit("a")), ...revision(`b${round}-a`)));
      samples
        .get("rename-over")
        ?.push(await time(() => driver.saveByRename(members, edit("b")), ...revision(`b${round}-b`)));
      samples
        .get("in place after a rename")
        ?.push(await time(() => driver.saveInPlace(members, edit("c")), ...revision(`b${round}-c`)));
      samples
        .get("git checkout")
        ?.push(await time(() => scratch.git("checkout", "--", driver.MEMBERS), ...revision(null)));
      // The path is referenced first (red: the mock keeps its bundle), then its file is created: timed.
      const name = `bench-${round}`;
      const mark = loop.lines.length;
      driver.saveInPlace(openapi, driver.withPath(await readFile(openapi, "utf8"), name));
      await loop.waitFor(/^\[dev\] enterprise mock: still serving the last good bundle/, mark);
      samples.get("new path file")?.push(
        await time(
          () => writeFileSync(join(scratch.specDir, `enterprise/paths/${name}.yaml`), driver.pathFile(name)),
          () => driver.servesPath(mockUrl, name),
          () => driver.typesHavePath(scratch.generatedDir, name),
        ),
      );
    }
  } finally {
    await loop.stop();
    killAllNow();
  }
  const leftovers = await driver.leftRunning(scratch.specDir);

  const rows = STYLES.map((style) => {
    const runs = samples.get(style) ?? [];
    const mock = median(runs.map((run) => run.mockMs));
    const types = median(runs.map((run) => run.typesMs));
    return [
      style,
      String(runs.length),
      ms(mock, 0),
      ms(Math.max(...runs.map((run) => run.mockMs)), 0),
      ms(types, 0),
      ms(Math.max(...runs.map((run) => run.typesMs)), 0),
      ratio(Math.max(mock, types), baseline),
      verdict(mock <= SAVE_BUDGET_MS && types <= SAVE_BUDGET_MS, `median ≤ ${SAVE_BUDGET_MS} ms each`),
    ];
  });
  printTable(
    "pnpm dev: save → mock serving the edit, save → types regenerated",
    [
      "save style",
      "saves",
      "mock median",
      "mock max",
      "types median",
      "types max",
      "slower of the two vs baseline",
      "budget",
    ],
    rows,
  );
  printNote(
    `Baseline (same run): bundling and linting both APIs in process, the Redocly work of a save alone: ${ms(baseline, 0)} (median of ${BASELINE_RUNS}).` +
      `\nProcesses of the loop left running after it was ended by its pid (given up to 30 s to exit): ${leftovers.length}.`,
  );
}

/** The Redocly work of a save, alone: bundle and lint each API in this process. */
async function baselineMs(specDir: string): Promise<number> {
  const redocly = await loadRedocly(specDir);
  const runs: number[] = [];
  for (let i = 0; i < BASELINE_RUNS; i++) {
    runs.push(
      await timedStep(() =>
        Promise.all(API_NAMES.map((name) => bundle(redocly, `${name}/openapi.yaml`, { lint: true }))),
      ),
    );
  }
  return median(runs);
}
