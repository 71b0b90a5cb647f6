// Small hand-made OpenAPI 3.1 documents and a pointer-based editor to derive variants from them.

export type Op = ["set", string, unknown] | ["remove", string];

/**
 * A two-operation document with a shared schema, a required and an optional parameter, auth, a server,
 * and a shared 429 response whose `Retry-After` header is a shared header.
 */
export function baseDocument(): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: { title: "Members", version: "1.0.0" },
    servers: [{ url: "https://api.example.com/v1", description: "Production" }],
    security: [{ bearer: [] }],
    paths: {
      "/members": {
        get: {
          operationId: "listMembers",
          parameters: [
            { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 100 } },
            { name: "X-Org", in: "header", required: true, schema: { type: "string" } },
          ],
          responses: {
            "200": {
              description: "The members.",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    required: ["members"],
                    properties: {
                      members: { type: "array", items: { $ref: "#/components/schemas/Member" } },
                    },
                  },
                },
              },
            },
            "401": { description: "Missing or invalid key." },
          },
        },
        post: {
          operationId: "inviteMembers",
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["emails"],
                  properties: {
                    emails: { type: "array", minItems: 1, items: { type: "string", format: "email" } },
                    role: { type: "string", enum: ["admin", "member"] },
                  },
                },
              },
            },
          },
          responses: {
            "200": { description: "Invited." },
            "429": { $ref: "#/components/responses/TooManyRequests" },
          },
        },
      },
    },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      responses: {
        TooManyRequests: {
          description: "Rate limited.",
          headers: { "Retry-After": { $ref: "#/components/headers/RetryAfter" } },
        },
      },
      headers: {
        RetryAfter: {
          description: "Seconds to wait.",
          required: true,
          schema: { type: "integer", minimum: 0 },
        },
      },
      schemas: {
        Member: {
          type: "object",
          required: ["email", "role"],
          properties: {
            email: { type: "string", format: "email" },
            role: { type: "string", enum: ["owner", "admin", "member"] },
            name: { type: "string", maxLength: 100 },
          },
        },
      },
    },
  };
}

/** Applies `set`/`remove` at JSON pointers (`-` appends to an array) to a copy of the document. */
export function edit(doc: Record<string, unknown>, ops: readonly Op[]): Record<string, unknown> {
  const copy = structuredClone(doc);
  for (const op of ops) {
    const parts = op[1]
      .split("/")
      .slice(1)
      .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
    const last = parts.pop();
    if (last === undefined) throw new Error(`empty pointer in ${op[1]}`);
    let parent: unknown = copy;
    for (const part of parts) {
      parent = (parent as Record<string, unknown>)[part];
      if (typeof parent !== "object" || parent === null) throw new Error(`no ${part} in ${op[1]}`);
    }
    if (Array.isArray(parent)) {
      if (op[0] === "remove") parent.splice(Number(last), 1);
      else if (last === "-") parent.push(structuredClone(op[2]));
      else parent[Number(last)] = structuredClone(op[2]);
    } else {
      const target = parent as Record<string, unknown>;
      if (op[0] === "remove") {
        if (!(last in target)) throw new Error(`nothing to remove at ${op[1]}`);
        delete target[last];
      } else target[last] = structuredClone(op[2]);
    }
  }
  return copy;
}
