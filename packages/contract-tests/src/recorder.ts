// An openapi-fetch middleware that records which documented operation answered with which status.
import type { EnterpriseClient } from "@orgadmin/client";
import type { Contract } from "@orgadmin/spec/contract";
import { recordPair } from "./coverage.js";

export type Middleware = Parameters<EnterpriseClient["use"]>[0];

/** Records (operationId, status) of every response the client receives into `file`. */
export function recordingMiddleware(contract: Contract, file: string): Middleware {
  return {
    onResponse({ request, response, schemaPath }) {
      const op = contract.find(request.method, schemaPath);
      // A path the contract does not know is recorded as such, so the gate can name it.
      const operationId = op?.operationId ?? `${request.method} ${schemaPath}`;
      recordPair(file, { api: contract.api, operationId, status: String(response.status) });
      return undefined;
    },
  };
}
