// Characters a file name must not carry. Bidirectional controls reorder what a reader sees, so
// `invoice<U+202E>fdp.exe` shows as `invoiceexe.pdf` in a listing or a download dialog; other control
// characters (C0, DEL, C1) and line separators split headers, logs and listings.
const BIDI_CONTROLS = new Set([
  0x061c, // ARABIC LETTER MARK
  0x200e, // LEFT-TO-RIGHT MARK
  0x200f, // RIGHT-TO-LEFT MARK
  0x202a, // LEFT-TO-RIGHT EMBEDDING
  0x202b, // RIGHT-TO-LEFT EMBEDDING
  0x202c, // POP DIRECTIONAL FORMATTING
  0x202d, // LEFT-TO-RIGHT OVERRIDE
  0x202e, // RIGHT-TO-LEFT OVERRIDE
  0x2066, // LEFT-TO-RIGHT ISOLATE
  0x2067, // RIGHT-TO-LEFT ISOLATE
  0x2068, // FIRST STRONG ISOLATE
  0x2069, // POP DIRECTIONAL ISOLATE
]);

/** Why a file name is refused, naming the first offending code point (`U+202E`), or null. */
export function fileNameRefusal(name: string): string | null {
  for (const c of name) {
    const cp = c.codePointAt(0) ?? 0;
    const at = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    if (BIDI_CONTROLS.has(cp)) return `contains ${at}, a bidirectional control character`;
    if (/[\p{Cc}\u2028\u2029]/u.test(c)) return `contains ${at}, a control character`;
    if (c === '/' || c === '\\') return `contains ${at} (${c}), a path separator`;
  }
  return null;
}
