// The bundled contract, imported as JSON modules: every runtime and bundler loads them without
// file access, so the core runs in browsers and workers as in Node.

import enterprise from "@orgadmin/spec/enterprise.json" with { type: "json" };
import organizations from "@orgadmin/spec/organizations.json" with { type: "json" };
import type { ApiName, OpenApiDocument } from "@orgadmin/spec/portable";

export const DOCUMENTS: Readonly<Record<ApiName, OpenApiDocument>> = {
  enterprise: enterprise as unknown as OpenApiDocument,
  organizations: organizations as unknown as OpenApiDocument,
};
