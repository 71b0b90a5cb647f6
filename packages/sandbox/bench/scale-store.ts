// The store operations the scaling bench times, over the store as it is built today.
import { createSnapshotWriter, type SnapshotWriter } from "../src/persistence.js";
import { seedState } from "../src/seed.js";
import type { Organization, User } from "../src/state.js";
import { Store } from "../src/store.js";

export interface Opened {
  orgIds: string[];
  get(id: string): unknown;
  listPage(page: number, pageSize: number): unknown;
  enterpriseMembers(): unknown;
  create(name: string): Promise<unknown>;
  rename(id: string, name: string): Promise<unknown>;
  invite(id: string, email: string): Promise<unknown>;
  close(): Promise<void>;
}

const DIRECT_FILL_ABOVE = Number(process.env.BENCH_SCALE_DIRECT_FILL_ABOVE ?? 20_000);

export async function openStore(size: number, dataFile?: string): Promise<Opened> {
  const now = () => new Date();
  const state = seedState(now());
  const store = new Store(state, now, { default_role: "member", allow_public_projects: false });
  const actor = store.userByKey("sandbox-outsider") as User;
  const orgIds: string[] = [];
  if (size > DIRECT_FILL_ABOVE) {
    // The old store checks every name on create (quadratic fill): build the rows directly.
    for (let i = 0; i < size; i++) {
      const at = now().toISOString();
      const org: Organization = {
        id: `org_${state.nextId + 1}`,
        name: `bench-${i}`,
        description: null,
        settings: { default_role: "member", allow_public_projects: false },
        acuLimit: null,
        projectsCount: 0,
        createdAt: at,
        updatedAt: at,
        members: [{ userId: actor.id, role: "owner", joinedAt: at, updatedAt: at }],
        invitations: [],
        repositoryPermissions: [],
      };
      state.nextId += 1;
      state.organizations.push(org);
      orgIds.push(org.id);
    }
  } else {
    for (let i = 0; i < size; i++) orgIds.push(store.createOrganization(actor, { name: `bench-${i}` }).id);
  }
  const writer: SnapshotWriter | undefined = dataFile
    ? await createSnapshotWriter(dataFile, () => state)
    : undefined;
  const durable = async <T>(value: T): Promise<T> => {
    await writer?.persist();
    return value;
  };
  const orgFor = (id: string) => store.organizationFor(actor, id);
  return {
    orgIds,
    get: (id) => store.getOrganization(orgFor(id).org),
    listPage: (page, page_size) => store.listOrganizations(actor, { page, page_size }),
    enterpriseMembers: () => store.enterpriseMembers(),
    create: (name) => durable(store.createOrganization(actor, { name })),
    rename: (id, name) => durable(store.updateOrganization(actor, orgFor(id).org, { name })),
    invite: (id, email) => durable(store.createInvitation(actor, orgFor(id).org, { email, role: "member" })),
    close: async () => {},
  };
}
