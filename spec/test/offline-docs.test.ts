// The reference pages load nothing from elsewhere: the one remote asset Redoc's page would fetch
// (its footer badge's logo) is inlined at build time. The browser test (packages/runtimes) proves
// the whole page offline; this catches a Redoc upgrade that moves the badge to a new address.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { REMOTE_ASSETS, withoutRemoteAssets } from "../scripts/offline-docs.mjs";

const page = (name: string) => readFileSync(new URL(`../dist/docs/${name}.html`, import.meta.url), "utf8");

it.each(["enterprise", "organizations"])("%s.html carries the badge logo inline, not its address", (name) => {
  const html = page(name);
  for (const [remote, inline] of Object.entries(REMOTE_ASSETS)) {
    expect(html).not.toContain(remote);
    expect(html).toContain(inline);
  }
  expect(html).not.toMatch(/https:\/\/cdn\.redoc\.ly\//);
});

it("replaces every occurrence and leaves the rest of the page alone", () => {
  const [remote, inline] = Object.entries(REMOTE_ASSETS)[0] ?? [];
  if (!remote || !inline) throw new Error("no remote asset listed");
  expect(withoutRemoteAssets(`a \`${remote}\` b \`${remote}\` c`)).toBe(`a \`${inline}\` b \`${inline}\` c`);
  expect(inline).toMatch(/^data:image\/svg\+xml,/);
  expect(inline).not.toMatch(/[`$]/);
});
