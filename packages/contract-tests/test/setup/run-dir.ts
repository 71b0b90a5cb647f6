// Global setup: tells the test workers where this run keeps its shared files.
import type { TestProject } from "vitest/node";
import { runDir } from "../../src/run-dir.js";
import "./provided.js";

export default function setup(project: TestProject): void {
  project.provide("runDir", runDir());
}
