// When two organization names are the same: one rule on both APIs (NFKC, full case folding,
// default-ignorable code points dropped, white space trimmed, then Unicode's confusable skeleton),
// and names no one could tell apart from nothing are refused with the API's validation error.
import { describe, expect, it } from "vitest";
import { organizationNameKey } from "../src/organization-name.js";
import { json, KEYS, useSandbox } from "./support/sandbox.js";

const sandbox = useSandbox();
const V1 = "/v1/organizations";
const V2 = "/v2/enterprise/organizations";

const createV1 = (name: string) => json(sandbox().url, "POST", V1, KEYS.owner, { name });
const createV2 = (name: string) =>
  json(sandbox().url, "POST", V2, KEYS.enterpriseAdmin, { name, acu_limit: 10 });

describe("organization names that look the same are the same name", () => {
  it.each([
    ["a fullwidth letter", "Acme Fullwidth", "Ａcme Fullwidth"],
    ["a zero-width space", "Acme Zerowidth", "Acme Zero\u200bwidth"],
    ["a soft hyphen", "Acme Softhyphen", "Acme Soft\u00adhyphen"],
    ["leading and trailing spaces", "Acme Spaces", "  Acme Spaces\u3000"],
    ["a Cyrillic А for a Latin A", "Acme Cyrillic", "\u0410cme Cyrillic"],
    ["NFD against NFC", "Caf\u00e9 Normal", "Cafe\u0301 Normal"],
    ["ß against SS (full case folding)", "Straße Folding", "STRASSE FOLDING"],
    ["a ligature", "Fine Ligature", "\ufb01ne Ligature"],
    ["another case", "Acme Casing", "aCME cASING"],
  ])("%s: %j then %j is a 409 on v1 and on v2", async (_, original, lookalike) => {
    expect((await createV1(original)).status).toBe(200);
    const again = await createV1(lookalike);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ status_code: 409 });
    expect((await createV2(lookalike)).status).toBe(409);
  });

  it("renaming to a look-alike of another organization's name is a 409 too", async () => {
    const other = await createV1("Rename Target");
    expect(other.status).toBe(200);
    const mine = await createV1("Rename Source");
    const id = (mine.body as { data: { id: string } }).data.id;
    const renamed = await json(sandbox().url, "PUT", `${V1}/${id}`, KEYS.owner, {
      name: "Rename Targ\u0435t",
    });
    expect(renamed.status).toBe(409);
  });

  it("keeps names apart that only share letters", async () => {
    for (const name of ["Distinct Cafe", "Distinct Café", "Distinct Cafe 2", "Distinct Cafés"]) {
      expect((await createV1(name)).status).toBe(200);
    }
  });
});

describe("names no one could read are refused with the validation error", () => {
  it.each([
    ["empty after trimming", " \t "],
    ["only white space of other scripts", "\u3000\u00a0"],
    ["only default-ignorable code points", "\u200b\u00ad"],
    ["a NUL", "Acme\u0000Nul"],
    ["another control character", "Acme\u0007Bell"],
    ["a C1 control character", "Acme\u0085Next"],
    ["a lone high surrogate", "Acme\ud800"],
    ["a lone low surrogate", "\udc00Acme"],
  ])("%s: 400 on v1 and 422 on v2, and nothing is created", async (_, name) => {
    const v1 = await createV1(name);
    expect(v1.status).toBe(400);
    expect(v1.body).toMatchObject({
      status_code: 400,
      data: { errors: [expect.objectContaining({ field: "name" })] },
    });
    const v2 = await createV2(name);
    expect(v2.status).toBe(422);
    expect(v2.body).toMatchObject({ code: "validation_failed" });
  });

  it("accepts a name with an emoji (a surrogate pair, not a lone surrogate)", async () => {
    expect((await createV1("Rocket \u{1F680} Team")).status).toBe(200);
  });
});

describe("a name of printable ASCII takes the short way to the same key", () => {
  // A zero-width space is dropped by the rule but is not ASCII: with it, the same name takes the
  // long way (NFKC, case folding, the confusables table, NFD), and must come to the same key.
  const long = (name: string) => organizationNameKey(`${name}\u200b`);
  const ascii = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));

  it("for every printable ASCII character, alone and between letters", () => {
    for (const c of ascii) {
      for (const name of [c, `a${c}b`, `  ${c}${c}  `, `${c}m0I|`]) {
        expect(organizationNameKey(name), JSON.stringify(name)).toBe(long(name));
      }
    }
  });

  it("for random names of printable ASCII", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let n = 0; n < 500; n++) {
      const name = Array.from(
        { length: 1 + Math.floor(random() * 24) },
        () => ascii[Math.floor(random() * ascii.length)],
      ).join("");
      expect(organizationNameKey(name), JSON.stringify(name)).toBe(long(name));
    }
  });
});
