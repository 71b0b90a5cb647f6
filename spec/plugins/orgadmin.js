// Lint rules that keep this contract's own conventions; registered in redocly.yaml.

/** Each scope with roles, and the schema whose enum names them. */
const ROLE_SCHEMAS = { organization: "Role", enterprise: "EnterpriseRole" };
const SCOPES = ["account", ...Object.keys(ROLE_SCHEMAS)];

/**
 * Every operation declares who may call it in `x-orgadmin-permission`:
 * `{action, scope: account}` for any authenticated caller (with `creator_role`, the role the caller
 * gets in what it creates), `{action, scope: enterprise, roles: [...]}` naming roles from the
 * `EnterpriseRole` schema, or `{action, scope: organization, roles: [...]}` naming roles from the
 * `Role` schema, optionally with `target_roles: {<role of the member acted on>: [roles allowed to
 * act on it]}` (each a subset of `roles`), as in "only an owner makes or unmakes an owner":
 * `target_roles: {owner: [owner]}`, and `keeps_role` (the organization always keeps a member with
 * this role: the last one can be neither demoted nor removed).
 */
function OperationPermission() {
  const enums = {};
  return {
    Root: {
      // Read the role enums first: operations are visited before components.
      enter(root, ctx) {
        for (const [scope, name] of Object.entries(ROLE_SCHEMAS)) {
          const role = root.components?.schemas?.[name];
          const resolved = role?.$ref ? ctx.resolve(role).node : role;
          enums[scope] = Array.isArray(resolved?.enum) ? resolved.enum : null;
        }
      },
    },
    Operation: {
      leave(operation, ctx) {
        const ext = operation["x-orgadmin-permission"];
        const where = ctx.location.child("x-orgadmin-permission");
        if (ext === undefined) {
          ctx.report({
            message: "Operation must declare who may call it in `x-orgadmin-permission`.",
            location: ctx.location.child("operationId").key(),
          });
          return;
        }
        if (typeof ext !== "object" || ext === null) {
          ctx.report({ message: "`x-orgadmin-permission` must be an object.", location: where });
          return;
        }
        if (typeof ext.action !== "string" || !/^[a-z]+(_[a-z]+)*$/.test(ext.action)) {
          ctx.report({
            message: "`action` must be a snake_case matrix row name.",
            location: where.child("action"),
          });
        }
        if (!SCOPES.includes(ext.scope)) {
          ctx.report({
            message: `\`scope\` must be one of: ${SCOPES.join(", ")}.`,
            location: where.child("scope"),
          });
          return;
        }
        const orgRoles = enums.organization;
        const unknownOrgRole = (role) => orgRoles && !orgRoles.includes(role);
        const orgRoleMessage = (role) =>
          `Unknown role \`${role}\`; the Role schema allows: ${orgRoles.join(", ")}.`;
        if (ext.creator_role !== undefined && unknownOrgRole(ext.creator_role))
          ctx.report({ message: orgRoleMessage(ext.creator_role), location: where.child("creator_role") });
        if (ext.keeps_role !== undefined && (ext.scope !== "organization" || unknownOrgRole(ext.keeps_role)))
          ctx.report({
            message: `\`keeps_role\` names a role of the Role schema, on an organization-scoped operation.`,
            location: where.child("keeps_role"),
          });
        if (ext.scope === "account") {
          if (ext.roles !== undefined) {
            ctx.report({
              message: "An account-scoped operation takes no `roles`.",
              location: where.child("roles"),
            });
          }
          return;
        }
        if (!Array.isArray(ext.roles) || ext.roles.length === 0) {
          ctx.report({
            message: `An ${ext.scope}-scoped operation must list the roles allowed in \`roles\`.`,
            location: where.child("roles"),
          });
          return;
        }
        const roleNames = enums[ext.scope];
        const unknown = (role) => roleNames && !roleNames.includes(role);
        const unknownMessage = (role) =>
          `Unknown role \`${role}\`; the ${ROLE_SCHEMAS[ext.scope]} schema allows: ${roleNames.join(", ")}.`;
        ext.roles.forEach((role, i) => {
          if (unknown(role))
            ctx.report({ message: unknownMessage(role), location: where.child("roles").child(i) });
        });
        if (ext.target_roles !== undefined)
          checkTargetRoles(ext, where.child("target_roles"), ctx, unknown, unknownMessage);
      },
    },
  };
}

/** `target_roles`: a map from a member's role to the non-empty list of `roles` that may act on it. */
function checkTargetRoles(ext, where, ctx, unknown, unknownMessage) {
  const targets = ext.target_roles;
  if (
    typeof targets !== "object" ||
    targets === null ||
    Array.isArray(targets) ||
    Object.keys(targets).length === 0
  ) {
    ctx.report({
      message: "`target_roles` must map a member's role to the roles allowed to act on it.",
      location: where,
    });
    return;
  }
  for (const [target, allowed] of Object.entries(targets)) {
    if (unknown(target)) ctx.report({ message: unknownMessage(target), location: where.child(target).key() });
    if (!Array.isArray(allowed) || allowed.length === 0) {
      ctx.report({
        message: `\`target_roles.${target}\` must list the roles allowed to act on a member who is (or becomes) \`${target}\`.`,
        location: where.child(target),
      });
      continue;
    }
    allowed.forEach((role, i) => {
      if (unknown(role))
        ctx.report({ message: unknownMessage(role), location: where.child(target).child(i) });
      else if (!ext.roles.includes(role))
        ctx.report({
          message: `\`${role}\` may not call the operation at all (it is not in \`roles\`).`,
          location: where.child(target).child(i),
        });
    });
  }
}

/**
 * Every `const` sits beside a `type`: some generators (orval's zod output among them) drop a `const`
 * that has no `type`, and the field loses its only constraint.
 */
function ConstHasType() {
  return {
    Schema: {
      enter(schema, ctx) {
        if (!("const" in schema) || "type" in schema) return;
        ctx.report({
          message: "A `const` needs a `type` beside it (generators drop a `const` without one).",
          location: ctx.location.child("const").key(),
        });
      },
    },
  };
}

/**
 * Every 429 response documents `Retry-After` (any letter case), so clients know when to come back.
 * Checks the header key itself: every response carries other headers, such as `X-Request-Id`.
 */
function RateLimitHasRetryAfter() {
  return {
    Response: {
      enter(response, ctx) {
        if (String(ctx.key) !== "429") return;
        const names = Object.keys(response.headers ?? {}).map((name) => name.toLowerCase());
        if (names.includes("retry-after")) return;
        ctx.report({
          message: "A 429 response must document the `Retry-After` header.",
          location: response.headers ? ctx.location.child("headers").key() : ctx.location.key(),
        });
      },
    },
  };
}

export default function orgadminPlugin() {
  return {
    id: "orgadmin",
    rules: {
      oas3: {
        "operation-permission": OperationPermission,
        "rate-limit-has-retry-after": RateLimitHasRetryAfter,
        "const-has-type": ConstHasType,
      },
    },
  };
}
