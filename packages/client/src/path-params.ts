import { defaultPathSerializer } from "openapi-fetch";

/**
 * openapi-fetch percent-encodes path parameters, so `/` cannot split a segment. URL parsing still
 * resolves a segment that is exactly `.` or `..` (even as `%2e%2e`), and an empty one collapses the
 * path, so those values are refused before anything is sent.
 */
export function safePathSerializer(pathname: string, params: Record<string, unknown>): string {
  for (const [name, value] of Object.entries(params)) {
    if (value === "" || value === "." || value === "..") {
      throw new TypeError(`path parameter ${name} cannot be ${JSON.stringify(value)}`);
    }
  }
  return defaultPathSerializer(pathname, params);
}
