// Stage 5, authorize: may this user perform this operation on the state as it is now? Every
// operation's `x-orgadmin-permission` says who may: any authenticated caller (`account`), the
// caller's role in the Enterprise account (`enterprise`), or in the organization (`organization`).
import type { Context } from "./handlers.js";
import type { CompiledOperation } from "./operations.js";
import { Refusal } from "./refusal.js";
import type { User } from "./state.js";
import type { Store } from "./store.js";
import type { Input } from "./validate-request.js";

export function authorize(store: Store, op: CompiledOperation, actor: User, input: Input): Context {
  const permission = op.permission;
  const ctx: Context = { store, actor, permission, ...input };
  if (permission?.scope === "enterprise" && !permission.roles?.includes(actor.enterpriseRole)) {
    throw new Refusal(
      "forbidden",
      `This action needs one of these Enterprise roles: ${permission.roles?.join(", ")}.`,
    );
  }
  if (permission?.scope === "organization") {
    ctx.org = store.organizationFor(actor, input.path.organization_id ?? "");
    if (!permission.roles?.includes(ctx.org.role)) {
      throw new Refusal("forbidden", "Your role in this organization does not allow this operation.");
    }
  }
  return ctx;
}
