// reset() with a data file: the file holds the starting data afterwards, so a restart starts there.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { STARTING_KEYS, startSandbox } from "../src/index.js";

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const names = async (url: string) => {
  const res = await fetch(`${url}/v1/organizations`, {
    headers: { Authorization: `Bearer ${STARTING_KEYS.owner}` },
  });
  const body = (await res.json()) as { data: { organizations: Array<{ name: string }> } };
  return body.data.organizations.map((o) => o.name).sort();
};

it("resets the data file to the starting data", async () => {
  dir = await mkdtemp(join(tmpdir(), "sandbox-reset-"));
  const dataFile = join(dir, "state.db");
  const first = await startSandbox({ dataFile });
  const created = await fetch(`${first.url}/v1/organizations`, {
    method: "POST",
    headers: { Authorization: `Bearer ${STARTING_KEYS.owner}`, "Content-Type": "application/json" },
    body: JSON.stringify({ name: "Kept until reset" }),
  });
  expect(created.status).toBe(200);
  await first.close();

  const second = await startSandbox({ dataFile });
  expect(await names(second.url)).toContain("Kept until reset");
  await second.reset();
  expect(await names(second.url)).toEqual(["Acme", "Globex"]);
  await second.close();

  const third = await startSandbox({ dataFile });
  expect(await names(third.url)).toEqual(["Acme", "Globex"]);
  await third.close();
});
