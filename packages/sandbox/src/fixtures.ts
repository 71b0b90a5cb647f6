// `sandbox.seed(...)`: typed fixtures. Users and their keys are written straight into the state (no
// API creates them); everything else is made by requests through the pipeline, with the fixtures'
// keys, so the API's own rules apply: a seed cannot make a state the API could not (an organization
// with no owner, a role the spec does not list, a duplicate name). A seed is all or nothing: one
// fixture refused puts the state back as it was before the seed.
import type { operations as EnterpriseOperations } from "@orgadmin/client/enterprise";
import type { components } from "@orgadmin/client/organizations";
import { type ApiName, basePath, type Contract, resolveRef } from "@orgadmin/spec/portable";
import type { Answer, Incoming } from "./pipeline.js";
import { STARTING_DATA } from "./seed.js";
import type { User } from "./state.js";
import type { Store } from "./store.js";
import { normalise } from "./tables.js";

type V1 = components["schemas"];

export interface UserFixture {
  /** The API key the user calls with (`Authorization: Bearer <key>`). */
  key: string;
  email: string;
  name?: string | null;
  /** Default: not an Enterprise admin. */
  enterpriseRole?: EnterpriseOperations["listMembers"]["responses"][200]["content"]["application/json"]["members"][number]["role"];
}

export interface OrganizationFixture {
  name: V1["CreateOrganizationRequest"]["name"];
  description?: V1["CreateOrganizationRequest"]["description"];
  settings?: V1["CreateOrganizationRequest"]["settings"];
  /** The key of the user who creates the organization, and so owns it. */
  owner: string;
  /** Users (by key) who join: each is invited by the owner, accepts, and gets `role`. */
  members?: Array<{ key: string; role: V1["Role"] }>;
  /** Invitations the owner sends, left pending. */
  invitations?: V1["CreateInvitationRequest"][];
}

export interface SeedFixtures {
  users?: UserFixture[];
  organizations?: OrganizationFixture[];
}

export interface Seeded {
  users: Array<{ id: string; key: string; email: string }>;
  organizations: Array<{ id: string; name: string; invitations: string[] }>;
}

/** A fixture the API's rules refuse, with the API's own reason. */
export class SeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SeedError";
  }
}

export interface SeedContext {
  store: Store;
  contracts: Record<ApiName, Contract>;
  respond(incoming: Incoming): Promise<Answer>;
  persist(): Promise<void>;
}

const NO_HEADERS = new Headers();
const utf8 = new TextEncoder();

function seedUser(store: Store, fixture: UserFixture): User {
  if (!/^\S+$/.test(fixture.key)) throw new SeedError(`seed: user ${fixture.email}: a key is one word`);
  if (store.userByKey(fixture.key)) throw new SeedError(`seed: user ${fixture.email}: that key is taken`);
  if (store.tables.userByEmail.has(normalise(fixture.email))) {
    throw new SeedError(`seed: user ${fixture.email}: a user with this email exists`);
  }
  const id = store.nextId("user");
  const user: User = {
    id,
    email: fixture.email,
    username: fixture.email.split("@")[0]?.slice(0, 64) || id,
    name: fixture.name ?? null,
    enterpriseRole: fixture.enterpriseRole ?? STARTING_DATA.newUserEnterpriseRole,
    joinedAt: store.stamp(),
    apiKey: fixture.key,
  };
  store.change({ t: "user", id, v: user });
  return user;
}

export async function seedFixtures(ctx: SeedContext, fixtures: SeedFixtures): Promise<Seeded> {
  // Rows are never modified in place: holding the current ones is enough to put them back.
  const { version: _version, ...before } = ctx.store.state;
  try {
    return await seedAll(ctx, fixtures);
  } catch (error) {
    ctx.store.change({ t: "reset", v: before });
    await ctx.persist();
    throw error;
  }
}

async function seedAll(ctx: SeedContext, fixtures: SeedFixtures): Promise<Seeded> {
  const v1 = ctx.contracts.organizations;
  /** One v1 call through the pipeline; the answer's `data`, or a SeedError with the API's message. */
  const call = async (
    what: string,
    operationId: string,
    key: string,
    params: Record<string, string>,
    body?: unknown,
  ): Promise<Record<string, unknown>> => {
    const op = v1.operation(operationId);
    const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ""));
    return send(what, op.method, `${basePath(v1.document)}${path}`, key, body);
  };
  const send = async (what: string, method: string, target: string, key: string, body?: unknown) => {
    const headers = new Headers({ Authorization: `Bearer ${key}` });
    if (body !== undefined) headers.set("Content-Type", "application/json");
    const answer = await ctx.respond({
      method,
      target,
      headers: key ? headers : NO_HEADERS,
      body: body === undefined ? new Uint8Array(0) : utf8.encode(JSON.stringify(body)),
    });
    const parsed = JSON.parse(answer.text ?? "{}") as { data?: Record<string, unknown> };
    const data = parsed.data ?? (parsed as Record<string, unknown>);
    if (answer.status >= 300) {
      throw new SeedError(`seed: ${what}: ${answer.status} ${String(data.message ?? answer.text)}`);
    }
    return data;
  };

  const seeded: Seeded = { users: [], organizations: [] };
  for (const fixture of fixtures.users ?? []) {
    const user = seedUser(ctx.store, fixture);
    seeded.users.push({ id: user.id, key: user.apiKey, email: user.email });
  }
  await ctx.persist();

  // The roles an invitation may carry, as the spec lists them; any other role is given afterwards.
  const request = resolveRef<{ properties: { role: unknown } }>(v1.document, {
    $ref: "#/components/schemas/CreateInvitationRequest",
  });
  const invitable = resolveRef<{ enum: string[] }>(v1.document, request.properties.role).enum;
  for (const org of fixtures.organizations ?? []) {
    const created = await call(
      `organization ${org.name}`,
      "createOrganization",
      org.owner,
      {},
      {
        name: org.name,
        ...(org.description !== undefined && { description: org.description }),
        ...(org.settings && { settings: org.settings }),
      },
    );
    const orgId = String(created.id);
    for (const member of org.members ?? []) {
      const what = `organization ${org.name}: member ${member.key}`;
      const user = ctx.store.userByKey(member.key);
      if (!user) throw new SeedError(`seed: ${what}: no user has this key`);
      const first = invitable.includes(member.role) ? member.role : invitable[0];
      const invitation = await call(
        what,
        "createInvitation",
        org.owner,
        { organization_id: orgId },
        {
          email: user.email,
          role: first,
        },
      );
      // Accepting changes state, so it takes a key like the API: the invitee's own.
      await send(
        what,
        "POST",
        `/_sandbox/invitations/${String(invitation.invitation_id)}/accept`,
        member.key,
      );
      if (first !== member.role) {
        await call(
          what,
          "updateMemberRole",
          org.owner,
          { organization_id: orgId, member_id: user.id },
          { role: member.role },
        );
      }
    }
    const invitations: string[] = [];
    for (const invitation of org.invitations ?? []) {
      const what = `organization ${org.name}: invitation ${invitation.email}`;
      const sent = await call(what, "createInvitation", org.owner, { organization_id: orgId }, invitation);
      invitations.push(String(sent.invitation_id));
    }
    seeded.organizations.push({ id: orgId, name: String(created.name), invitations });
  }
  return seeded;
}
