import type { ChildProcess } from "node:child_process";

/** This package's directory: the suite runs here, under its own vitest config. */
export declare const suiteDir: string;
/** The suite proper: every operation × documented status of both APIs, then the coverage gate. */
export declare const SUITE_PROPER: readonly string[];
/** What a JavaScript runtime is given, in `suiteDir`, to run `vitest run <args>`. */
export declare function suiteCommand(args?: readonly string[]): string[];

export interface SuiteRun {
  child: ChildProcess;
  /** stdout and stderr so far, interleaved. */
  output: () => string;
  /** The exit code, or the signal that ended the run. */
  exited: Promise<number | string>;
}

/** Runs the suite under `node` (this process's runtime unless told): its output and how it ended. */
export declare function runSuite(options?: {
  args?: readonly string[];
  env?: Record<string, string>;
  node?: string;
}): SuiteRun;
