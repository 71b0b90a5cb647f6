// When two organization names are the same, and which names are refused: one rule for both APIs,
// as the spec's OrganizationName describes it.
//
// The key two names are compared by: NFKC (fullwidth `Ａ` is `A`, `ﬁ` is `fi`), full case folding
// (`straße` is `STRASSE`), default-ignorable code points dropped (zero-width space, soft hyphen),
// white space trimmed, then Unicode's confusable skeleton (UTS #39), so that a Cyrillic `А` is a
// Latin `A`. The skeleton is deliberately coarse: `rn` and `m`, `0` and `O` count as the same too.
//
// The skeleton's table is Unicode's confusables.txt as the `unhomoglyph` package ships it (pinned):
// a plain table with no dependencies, from the maintainers of markdown-it; the other packages
// that carry the table are older copies or English-only profanity filters. Its table is read
// here directly: every entry maps one code point, so a lookup per code point is the skeleton,
// without the package's one regex of 6,311 alternatives (built at import, ~17 µs a name).
import confusables from "unhomoglyph/data.json" with { type: "json" };
import { Refusal } from "./refusal.js";

const PROTOTYPES = new Map(Object.entries(confusables as Record<string, string>));

const DEFAULT_IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

/**
 * Printable ASCII, as most names are: NFKC, case folding and the ignorables change nothing in it but
 * case, and it has no control characters, so a name of it takes the short way through the rule.
 */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** NFKC, full case folding and default-ignorable code points dropped, trimmed: what a reader sees. */
function visible(name: string): string {
  if (PRINTABLE_ASCII.test(name)) return name.toLowerCase().trim();
  // JavaScript has no case folding; lower, upper, lower reaches it through Unicode's special
  // casing (ẞ → ß → SS → ss, ς and σ alike), and NFKC again composes what casing decomposed.
  const folded = name.normalize("NFKC").toLowerCase().toUpperCase().toLowerCase().normalize("NFKC");
  return folded.replace(DEFAULT_IGNORABLE, "").trim();
}

/** Each ASCII character's prototype, in NFD: the skeleton of ASCII text is these, one after another. */
const ASCII_PROTOTYPES = Array.from({ length: 128 }, (_, code) => {
  const c = String.fromCharCode(code);
  return (PROTOTYPES.get(c) ?? c).normalize("NFD");
});

/** UTS #39's skeleton: NFD, each code point to its prototype, NFD again. */
function skeleton(text: string): string {
  let out = "";
  if (PRINTABLE_ASCII.test(text)) {
    for (let i = 0; i < text.length; i++) out += ASCII_PROTOTYPES[text.charCodeAt(i)];
    return out;
  }
  for (const c of text.normalize("NFD")) out += PROTOTYPES.get(c) ?? c;
  return out.normalize("NFD");
}

/** The last name seen: a create or rename checks it, then asks for its key (twice), in a row. */
let last: { name: string; visible: string; key?: string } = { name: "", visible: "" };

const seen = (name: string) => {
  if (name !== last.name) last = { name, visible: visible(name) };
  return last;
};

/** The key organization names are unique by: equal keys, same name. */
export function organizationNameKey(name: string): string {
  const s = seen(name);
  s.key ??= skeleton(s.visible);
  return s.key;
}

function problem(name: string): string | undefined {
  if (!PRINTABLE_ASCII.test(name)) {
    if (/\p{Cs}/u.test(name)) return "must not contain a lone surrogate";
    if (/\p{Cc}/u.test(name)) return "must not contain control characters";
  }
  if (seen(name).visible === "") return "must not be empty or only white space and invisible characters";
  return undefined;
}

/** Refuses, with the API's validation error, a name no one could read or tell apart from nothing. */
export function assertReadableName(name: string): void {
  const message = problem(name);
  if (message) {
    throw new Refusal("invalid", "The request body breaks the contract.", {
      errors: [{ field: "name", message }],
    });
  }
}
