// A JSON body's nesting, measured on its bytes before it is parsed: parsing (and then validating)
// a body nested millions deep costs seconds, while this scan stops at the first bracket past the
// limit. Brackets inside strings are text; UTF-8 never puts a quote, backslash or bracket byte
// inside a multi-byte character, so scanning bytes is exact.

/** The deepest nesting of arrays and objects a request body may have (`{"a":[1]}` is 2). */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;

/**
 * Whether `bytes` hold at most `limit` opening brackets, counted with the engine's native search:
 * such a body cannot nest past the limit, and most bodies (a large flat one included) stop here.
 */
function fewOpenings(bytes: Uint8Array, limit: number): boolean {
  let count = 0;
  for (const open of [OPEN_ARRAY, OPEN_OBJECT]) {
    for (let i = bytes.indexOf(open); i !== -1; i = bytes.indexOf(open, i + 1)) {
      if (++count > limit) return false;
    }
  }
  return true;
}

/** Whether `bytes`, read as JSON, nests arrays and objects deeper than `limit`. */
export function nestsDeeperThan(bytes: Uint8Array, limit: number): boolean {
  if (fewOpenings(bytes, limit)) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === BACKSLASH)
        i++; // the escaped byte is text, a quote included
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) {
      inString = true;
    } else if (b === OPEN_ARRAY || b === OPEN_OBJECT) {
      if (++depth > limit) return true;
    } else if (b === CLOSE_ARRAY || b === CLOSE_OBJECT) {
      depth--;
    }
  }
  return false;
}
