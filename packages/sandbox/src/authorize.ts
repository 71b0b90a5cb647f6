// Stage 5, authorize: may this user perform this operation on the state as it is now? v2 is for
// the Enterprise admin alone; v1 reads the roles from each operation's `x-orgadmin-permission`.
import type { ApiName } from "@orgadmin/spec/portable";
import type { Context } from "./handlers.js";
import type { Operation } from "./operations.js";
import { Refusal } from "./refusal.js";
import type { User } from "./state.js";
import type { Store } from "./store.js";
import type { Input } from "./validate-request.js";

export function authorize(store: Store, api: ApiName, op: Operation, actor: User, input: Input): Context {
  if (api === "enterprise" && actor.enterpriseRole !== "admin") {
    throw new Refusal("forbidden", "This action needs the Enterprise admin role.");
  }
  const ctx: Context = { store, actor, ...input };
  if (op.permission?.scope === "organization") {
    ctx.org = store.organizationFor(actor, input.path.organization_id ?? "");
    if (!op.permission.roles?.includes(ctx.org.role)) {
      throw new Refusal("forbidden", "Your role in this organization does not allow this operation.");
    }
  }
  return ctx;
}
