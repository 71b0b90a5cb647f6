/** Printable ASCII without spaces: anything else would break or smuggle a header line. */
const API_KEY = /^[\x21-\x7e]+$/;

type Permissions = { querySync?(descriptor: { name: "env"; variable: string }): { state: string } };
type Deno = { env: { get(name: string): string | undefined }; permissions?: Permissions };
type Runtime = { Deno?: Deno; document?: unknown; process?: { env?: Record<string, string | undefined> } };

/**
 * The environment variable `name` where the runtime lets us read it without asking: Node and Bun;
 * Deno only when env access is already granted (asking would prompt or throw); never in a browser.
 */
export function readEnv(name: string): string | undefined {
  const { Deno, document, process } = globalThis as Runtime;
  if (Deno) {
    const state = Deno.permissions?.querySync?.({ name: "env", variable: name }).state;
    return state === "granted" ? Deno.env.get(name) : undefined;
  }
  return document === undefined ? process?.env?.[name] : undefined;
}

/**
 * The Authorization header value for `apiKey`, or for the key in the environment variable `envName`
 * when none is given. Messages never include the key itself.
 */
export function bearer(apiKey: unknown, envName: string): string {
  const key = apiKey === undefined ? readEnv(envName) : apiKey;
  if (typeof key !== "string" || !key) {
    throw new TypeError(`apiKey is required (or set ${envName})`);
  }
  if (!API_KEY.test(key)) {
    throw new TypeError("apiKey is malformed: not printable ASCII without spaces");
  }
  return `Bearer ${key}`;
}
