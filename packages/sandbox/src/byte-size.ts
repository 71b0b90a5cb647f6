// `--body-limit 64kb`: a whole number of bytes, written plainly or with a binary unit (b, kb, mb,
// gb, as body parsers read them). Anything else is refused rather than read as NaN or negative.
const UNITS: Record<string, number> = { "": 1, b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

export function parseByteSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(b|kb|mb|gb)?$/i.exec(text);
  const bytes = m ? Math.floor(Number(m[1]) * (UNITS[(m[2] ?? "").toLowerCase()] ?? Number.NaN)) : Number.NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1) {
    throw new Error("must be a size in bytes of at least 1, such as 65536, 64kb or 1mb");
  }
  return bytes;
}
