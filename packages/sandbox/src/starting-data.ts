// The starting data's keys and organizations by name, typed, for tests to write
// `sandbox.keys.owner` rather than a string (each is checked against seed.ts by a test).

/** The API key of each starting user (see SEED_KEYS for who they are). */
export const STARTING_KEYS = {
  /** v2 Enterprise admin; v1 co-owner of Acme. */
  enterpriseAdmin: "sandbox-enterprise-admin",
  /** v1 owner of Acme, member of Globex. */
  owner: "sandbox-owner",
  /** v1 admin of Acme, owner of Globex. */
  admin: "sandbox-admin",
  /** v1 member of Acme. */
  member: "sandbox-member",
  /** In no organization; not an Enterprise admin. */
  outsider: "sandbox-outsider",
} as const;

export type StartingKeys = typeof STARTING_KEYS;

/** The ids of the starting organizations. */
export const STARTING_ORGANIZATIONS = { acme: "org_abc123", globex: "org_def456" } as const;

export type StartingOrganizations = typeof STARTING_ORGANIZATIONS;
