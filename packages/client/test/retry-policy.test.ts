import { describe, expect, it } from "vitest";
import { backoffMs, MAX_RETRY_AFTER_MS, parseRetryAfterMs, retryDelayMs } from "../src/retry-policy.js";

const h = (init: Record<string, string> = {}) => new Headers(init);
const response = (status: number, headers: Record<string, string> = {}) =>
  ({ status, headers: h(headers) }) as const;
const noJitter = () => 0;

describe("parseRetryAfterMs", () => {
  it("reads seconds", () => {
    expect(parseRetryAfterMs(h({ "retry-after": "3" }))).toBe(3000);
    expect(parseRetryAfterMs(h({ "retry-after": "0" }))).toBe(0);
  });

  it("reads an HTTP-date relative to now", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(parseRetryAfterMs(h({ "retry-after": "Wed, 01 Jan 2025 00:00:05 GMT" }), now)).toBe(5000);
    expect(parseRetryAfterMs(h({ "retry-after": "Tue, 31 Dec 2024 23:59:00 GMT" }), now)).toBe(0);
  });

  it("reads fractional seconds, and nothing from headers the contract does not name", () => {
    expect(parseRetryAfterMs(h({ "retry-after": "0.25" }))).toBe(250);
    expect(parseRetryAfterMs(h({ "retry-after-ms": "250" }))).toBeUndefined();
  });

  it("ignores absent or unreadable values", () => {
    expect(parseRetryAfterMs(h())).toBeUndefined();
    expect(parseRetryAfterMs(h({ "retry-after": "soon" }))).toBeUndefined();
    expect(parseRetryAfterMs(h({ "retry-after": "-1" }))).toBeUndefined();
  });
});

describe("backoffMs", () => {
  it("starts at 0.5 s, doubles, and stops growing at 8 s", () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => backoffMs(n, noJitter))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
  });

  it("takes off at most a quarter as jitter", () => {
    expect(backoffMs(0, () => 1)).toBe(375);
    expect(backoffMs(2, () => 0.5)).toBe(1750);
  });
});

describe("retryDelayMs", () => {
  it("retries 429 and 503 for every method, backing off when no Retry-After was sent", () => {
    expect(retryDelayMs("GET", response(429), 0, 2, noJitter)).toBe(500);
    expect(retryDelayMs("GET", response(503), 1, 2, noJitter)).toBe(1000);
    expect(retryDelayMs("POST", response(429), 0, 2, noJitter)).toBe(500);
  });

  it("honours Retry-After over backoff", () => {
    expect(retryDelayMs("GET", response(429, { "retry-after": "7" }), 0, 2)).toBe(7000);
  });

  it("backs off when the server says to retry now (0, or a date already past)", () => {
    const past = new Date(Date.now() - 10_000).toUTCString();
    const retryNow: Record<string, string>[] = [
      { "retry-after": "0" },
      { "retry-after": "0.0" },
      { "retry-after": past },
    ];
    for (const headers of retryNow) {
      expect(retryDelayMs("GET", response(429, headers), 0, 2, noJitter)).toBe(500);
      expect(retryDelayMs("GET", response(503, headers), 1, 2, noJitter)).toBe(1000);
    }
    // The server still said when, so a POST on 503 is retried, after a back-off.
    expect(retryDelayMs("POST", response(503, { "retry-after": "0" }), 0, 2, noJitter)).toBe(500);
  });

  it("gives up when Retry-After is above the cap, so the caller sees it", () => {
    const seconds = String(MAX_RETRY_AFTER_MS / 1000 + 1);
    expect(retryDelayMs("GET", response(429, { "retry-after": seconds }), 0, 2)).toBeUndefined();
    expect(retryDelayMs("GET", response(429, { "retry-after": "60" }), 0, 2)).toBe(60_000);
  });

  it("stops after maxRetries", () => {
    expect(retryDelayMs("GET", response(429), 2, 2)).toBeUndefined();
    expect(retryDelayMs("GET", response(429), 0, 0)).toBeUndefined();
  });

  it("retries POST on 503 only when the server said when (it cannot have acted)", () => {
    expect(retryDelayMs("POST", response(503), 0, 2)).toBeUndefined();
    expect(retryDelayMs("POST", response(503, { "retry-after": "1" }), 0, 2)).toBe(1000);
  });

  it("retries 502 and 504 only for idempotent methods", () => {
    for (const method of ["GET", "PUT", "DELETE"]) {
      expect(retryDelayMs(method, response(502), 0, 2, noJitter)).toBe(500);
      expect(retryDelayMs(method, response(504), 0, 2, noJitter)).toBe(500);
    }
    expect(retryDelayMs("POST", response(502), 0, 2)).toBeUndefined();
    expect(retryDelayMs("POST", response(504), 0, 2)).toBeUndefined();
  });

  it("does not retry other statuses", () => {
    for (const status of [200, 400, 401, 403, 404, 409, 422, 500]) {
      expect(retryDelayMs("GET", response(status), 0, 2)).toBeUndefined();
    }
  });

  it("retries network errors for idempotent methods, and for POST only when the connection was refused", () => {
    expect(retryDelayMs("GET", { refused: false }, 0, 2, noJitter)).toBe(500);
    expect(retryDelayMs("POST", { refused: false }, 0, 2)).toBeUndefined();
    expect(retryDelayMs("POST", { refused: true }, 0, 2, noJitter)).toBe(500);
  });

  it("retries a timed-out attempt only for idempotent methods", () => {
    expect(retryDelayMs("GET", { refused: false }, 0, 2, noJitter)).toBe(500);
    expect(retryDelayMs("POST", { refused: false }, 0, 2)).toBeUndefined();
  });
});
