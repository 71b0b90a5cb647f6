// Stage 3, authenticate: the bearer key names a user (directly, or through a `--key` alias).
import type { RateLimiter } from "./rate-limit.js";
import { Refusal } from "./refusal.js";
import type { User } from "./state.js";
import type { Store } from "./store.js";

const KEY_MESSAGE = "The API key is missing or invalid.";

function bearerKey(authorization: string | null): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
}

export function authenticate(
  store: Store,
  aliases: ReadonlyMap<string, string>,
  /** The `Authorization` header, if sent. */
  authorization: string | null,
): User {
  const key = bearerKey(authorization);
  const actor = key === undefined ? undefined : store.userByKey(aliases.get(key) ?? key);
  if (!actor) throw new Refusal("unauthorized", KEY_MESSAGE);
  return actor;
}

/** v2's per-key token bucket (v1 documents no 429). */
export function takeToken(limiter: RateLimiter | undefined, actor: User): void {
  const wait = limiter?.take(actor.apiKey) ?? 0;
  if (wait > 0) throw new Refusal("rate_limited", "Rate limit exceeded. Retry later.", { retryAfter: wait });
}
