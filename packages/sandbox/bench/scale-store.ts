// The store operations the scaling bench times. The fill goes through the store's API in memory;
// with a data file, the filled state becomes the database's first rows and every timed write is
// committed (WAL, synchronous=FULL) before it counts as done.
import { DataFile } from "../src/persistence.js";
import { seedState } from "../src/seed.js";
import type { User } from "../src/state.js";
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

export async function openStore(size: number, dataFile?: string): Promise<Opened> {
  const now = () => new Date();
  const store = new Store(seedState(now()), now, { default_role: "member", allow_public_projects: false });
  const actor = store.userByKey("sandbox-outsider") as User;
  const orgIds: string[] = [];
  for (let i = 0; i < size; i++) orgIds.push(store.v1.createOrganization(actor, { name: `bench-${i}` }).id);
  const data = dataFile ? await DataFile.open(dataFile, () => store) : undefined;
  const durable = async <T>(value: T): Promise<T> => {
    await data?.persist();
    return value;
  };
  const orgFor = (id: string) => store.organizationFor(actor, id);
  return {
    orgIds,
    get: (id) => store.v1.getOrganization(orgFor(id).org),
    listPage: (page, page_size) => store.v1.listOrganizations(actor, { page, page_size }),
    enterpriseMembers: () => store.v2.enterpriseMembers(),
    create: (name) => durable(store.v1.createOrganization(actor, { name })),
    rename: (id, name) => durable(store.v1.updateOrganization(actor, orgFor(id).org, { name })),
    invite: (id, email) =>
      durable(store.v1.createInvitation(actor, orgFor(id).org, { email, role: "member" })),
    close: async () => {
      await data?.close();
    },
  };
}
