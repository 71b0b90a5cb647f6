// Shared set-up for the examples: the server and key come from the environment.
import { createEnterpriseClient, type EnterpriseClient } from "@orgadmin/client";

/**
 * The key comes from `DEVIN_API_KEY`, which the client reads itself when no `apiKey` is given;
 * `ORGADMIN_BASE_URL` defaults to the production server.
 * `ORGADMIN_PREFER` is sent as a `Prefer` header, which the Prism mock reads to return a
 * documented response other than the first (e.g. `code=401`).
 */
export function enterpriseClient(): EnterpriseClient {
  const prefer = process.env.ORGADMIN_PREFER;
  return createEnterpriseClient({
    baseUrl: process.env.ORGADMIN_BASE_URL || undefined,
    timeoutMs: 10_000,
    userAgent: "orgadmin-examples",
    ...(prefer && { headers: { Prefer: prefer } }),
  });
}
