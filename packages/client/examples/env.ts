// Shared set-up for the examples: the server and key come from the environment.
import { createEnterpriseClient, type EnterpriseClient } from "@orgadmin/client";

/**
 * `ORGADMIN_API_KEY` is required; `ORGADMIN_BASE_URL` defaults to the production server.
 * `ORGADMIN_PREFER` is sent as a `Prefer` header, which the Prism mock reads to return a
 * documented response other than the first (e.g. `code=401`).
 */
export function enterpriseClient(): EnterpriseClient {
  const prefer = process.env.ORGADMIN_PREFER;
  return createEnterpriseClient({
    apiKey: process.env.ORGADMIN_API_KEY ?? "",
    baseUrl: process.env.ORGADMIN_BASE_URL || undefined,
    timeoutMs: 10_000,
    userAgent: "orgadmin-examples",
    ...(prefer && { headers: { Prefer: prefer } }),
  });
}
