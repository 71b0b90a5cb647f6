// Stage 3, authenticate: the bearer key names a user (directly, or through a `--key` alias).
import type { IncomingHttpHeaders } from "node:http";
import type { RateLimiter } from "./rate-limit.js";
import { Refusal } from "./refusal.js";
import type { User } from "./state.js";
import type { Store } from "./store.js";

const KEY_MESSAGE = "The API key is missing or invalid.";

function bearerKey(headers: IncomingHttpHeaders): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? "")?.[1];
}

export function authenticate(
  store: Store,
  aliases: ReadonlyMap<string, string>,
  headers: IncomingHttpHeaders,
): User {
  const key = bearerKey(headers);
  const actor = key === undefined ? undefined : store.userByKey(aliases.get(key) ?? key);
  if (!actor) throw new Refusal("unauthorized", KEY_MESSAGE);
  return actor;
}

/** v2's per-key token bucket (v1 documents no 429). */
export function takeToken(limiter: RateLimiter | undefined, actor: User): void {
  const wait = limiter?.take(actor.apiKey) ?? 0;
  if (wait > 0) throw new Refusal("rate_limited", "Rate limit exceeded. Retry later.", { retryAfter: wait });
}
