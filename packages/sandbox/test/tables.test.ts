// The indexes agree with a plain scan of the rows after any mix of puts, deletes and undos.
import { describe, expect, it } from "vitest";
import { organizationNameKey } from "../src/organization-name.js";
import { seedState } from "../src/seed.js";
import type { Organization } from "../src/state.js";
import { Tables, type Undo } from "../src/tables.js";

const USERS = ["user_200", "user_201", "user_202", "user_203"];

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function org(id: string, name: string, members: string[], invitations: string[]): Organization {
  const at = "2026-01-01T00:00:00.000Z";
  return {
    id,
    name,
    description: null,
    settings: { default_role: "member", allow_public_projects: false },
    acuLimit: null,
    projectsCount: 0,
    createdAt: at,
    updatedAt: at,
    members: members.map((userId) => ({ userId, role: "owner", joinedAt: at, updatedAt: at })),
    invitations: invitations.map((iid) => ({
      id: iid,
      email: `${iid}@example.com`,
      role: "member",
      message: null,
      createdAt: at,
      expiresAt: at,
    })),
    repositoryPermissions: [],
  };
}

/** What every index should say, computed by scanning the rows in creation order. */
function expectIndexesMatchScan(t: Tables, creationOrder: string[]) {
  const rows = creationOrder.flatMap((id) => {
    const row = t.orgs.get(id);
    return row ? [row] : [];
  });
  expect(rows).toHaveLength(t.orgs.size);
  for (const user of USERS) {
    const expected = rows.filter((o) => o.members.some((m) => m.userId === user));
    expect(t.orgsOf(user)).toEqual(expected);
    // The list holds the current rows, not earlier versions of them.
    for (const o of t.orgsOf(user)) expect(o).toBe(t.orgs.get(o.id));
  }
  expect(new Map(t.orgIdByName)).toEqual(new Map(rows.map((o) => [organizationNameKey(o.name), o.id])));
  expect(new Map(t.orgIdByInvitation)).toEqual(
    new Map(rows.flatMap((o) => o.invitations.map((i) => [i.id, o.id] as const))),
  );
  expect(t.capture().organizations.map((o) => o.id)).toEqual(rows.map((o) => o.id));
}

describe("tables", () => {
  it("keep every index equal to a scan through puts, deletes and undos", () => {
    const t = new Tables(seedState(new Date("2026-01-01T00:00:00Z")));
    const creationOrder = [...t.orgs.keys()];
    const random = lcg(7);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const undos: Undo[] = [];
    let next = 0;
    for (let step = 0; step < 600; step++) {
      const existing = [...t.orgs.keys()];
      const roll = random();
      next += 1;
      const members = USERS.filter(() => random() < 0.5);
      const invitations = random() < 0.3 ? [`inv_${next}`] : [];
      let undo: Undo;
      if (roll < 0.35 || existing.length === 0) {
        const id = `org_${next}`;
        creationOrder.push(id);
        undo = t.apply({ t: "org", id, v: org(id, `Name ${next}`, members, invitations) });
      } else if (roll < 0.75) {
        // A rename, a member change or both, on the current row.
        const id = pick(existing);
        const current = t.orgs.get(id) as Organization;
        const name = random() < 0.5 ? current.name : `Renamed ${next}`;
        undo = t.apply({ t: "org", id, v: org(id, name, members, invitations) });
      } else {
        undo = t.apply({ t: "org", id: pick(existing), v: null });
      }
      undos.push(undo);
      // Now and then a failed write: the newest changes are undone, newest first.
      if (random() < 0.1) {
        const count = 1 + Math.floor(random() * Math.min(5, undos.length));
        for (let i = 0; i < count; i++) undos.pop()?.();
      }
      expectIndexesMatchScan(t, creationOrder);
    }
  });
});
