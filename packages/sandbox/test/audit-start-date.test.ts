// `start_date` as the seed sends it: `(datetime.now() - timedelta(days=7)).isoformat()`, a
// date-time with microseconds and no offset, which the contract reads as UTC. The process runs in
// a zone east of UTC so that reading it as local time would move it by eight hours.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseInstant } from "../src/instant.js";
import { expectDocumented } from "./support/responses.js";
import { json, KEYS, useSandbox } from "./support/sandbox.js";

const SEED_SHAPE = "2025-03-10T12:00:00.123456";
const zone = process.env.TZ;
beforeAll(() => {
  process.env.TZ = "Asia/Shanghai";
});
afterAll(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

let clock = Date.parse("2025-03-10T11:59:00Z");
const sandbox = useSandbox({ now: () => new Date(clock) });

describe("parseInstant", () => {
  it("reads a date-time without an offset as UTC, microseconds and all", () => {
    // The zone is in effect: plain Date.parse would read this as 04:00 UTC.
    expect(Date.parse(SEED_SHAPE)).toBe(Date.parse("2025-03-10T04:00:00.123Z"));
    expect(parseInstant(SEED_SHAPE)).toBe(Date.parse("2025-03-10T12:00:00.123Z"));
  });

  it.each([
    ["2025-03-10T12:00:00Z", "2025-03-10T12:00:00.000Z"],
    ["2025-03-10T20:00:00.5+08:00", "2025-03-10T12:00:00.500Z"],
    ["2025-03-10t12:00:00z", "2025-03-10T12:00:00.000Z"],
    ["2025-03-10T12:00:00", "2025-03-10T12:00:00.000Z"],
  ])("reads %s as %s", (text, utc) => {
    expect(parseInstant(text)).toBe(Date.parse(utc));
  });

  it.each(["2024-02-30T00:00:00", "2025-02-29T00:00:00Z", "2025-13-01T00:00:00Z", "2025-03-10", "yesterday"])(
    "refuses %s",
    (text) => {
      expect(parseInstant(text)).toBeUndefined();
    },
  );
});

describe("GET /audit-logs with start_date", () => {
  const logs = async (startDate: string) => {
    const path = `/v2/enterprise/audit-logs?start_date=${encodeURIComponent(startDate)}`;
    const res = await json(sandbox().url, "GET", path, KEYS.enterpriseAdmin);
    expectDocumented("enterprise", "listAuditLogs", res.status, res.body);
    return res as { status: number; body: { logs?: Array<{ target?: string }> } };
  };

  it("accepts the seed's shape and reads it as UTC", async () => {
    const create = (name: string) =>
      json(sandbox().url, "POST", "/v1/organizations", KEYS.owner, { name }).then((r) => {
        expect(r.status).toBe(200);
        return (r.body as { data: { id: string } }).data.id;
      });
    await create("Before noon"); // 11:59:00Z
    clock = Date.parse("2025-03-10T12:00:01Z");
    const after = await create("After noon");

    for (const startDate of [SEED_SHAPE, "2025-03-10T12:00:00.123456Z", "2025-03-10T20:00:00.123456+08:00"]) {
      const res = await logs(startDate);
      expect(res.status).toBe(200);
      expect(res.body.logs?.map((l) => l.target)).toEqual([after]);
    }
  });

  it.each(["2024-02-30T00:00:00", "2025-03-10", "2025-03-10 12:00:00"])(
    "refuses %s with 422",
    async (text) => {
      expect((await logs(text)).status).toBe(422);
    },
  );
});
