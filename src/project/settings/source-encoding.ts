/**
 * The text of a Python file as Python reads it (PEP 263): UTF-8 unless a coding declaration in the
 * first two lines names another encoding. Python refuses a file that is not valid in its encoding,
 * or that holds a null byte; so does implanta, naming the line, instead of evaluating text Python
 * would never run.
 */

/** `# -*- coding: latin-1 -*-`, `# vim: set fileencoding=utf-8 :` (PEP 263's regular expression). */
const DECLARATION = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;

export type SourceText = { text: string } | { problem: string; line: number };

export function decodePythonSource(bytes: Buffer): SourceText {
  const declared = declaredEncoding(bytes);
  const encoding = declared === undefined ? 'utf-8' : normalize(declared);
  let text: string;
  if (encoding === 'utf-8' || encoding === 'utf-8-sig') {
    const bad = firstInvalidUtf8(bytes);
    if (bad >= 0) {
      const why = declared === undefined ? 'it is not UTF-8 and declares no other encoding (PEP 263)' : `it is not valid ${declared}`;
      return { problem: `Python cannot read this file: ${why}; byte 0x${bytes[bad]!.toString(16).toUpperCase().padStart(2, '0')} is the first bad one. Save it as UTF-8, or declare its encoding on the first line (# -*- coding: latin-1 -*-)`, line: lineAt(bytes, bad) };
    }
    text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  } else if (LATIN_1.has(encoding)) {
    text = bytes.toString('latin1');
  } else {
    try {
      text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch (error) {
      const unknown = error instanceof RangeError;
      return { problem: unknown ? `Python cannot read this file: it declares an encoding implanta does not know (${declared})` : `Python cannot read this file: it is not valid ${declared}`, line: 1 };
    }
  }
  const nul = text.indexOf('\0');
  if (nul >= 0) return { problem: 'Python cannot read this file: it contains a null byte (SyntaxError: source code cannot contain null bytes)', line: text.slice(0, nul).split('\n').length };
  return { text };
}

/** Python's codec names for ISO-8859-1, decoded byte for byte (TextDecoder would read windows-1252). */
const LATIN_1 = new Set(['latin-1', 'latin1', 'iso-8859-1', 'iso8859-1', 'l1', 'iso-latin-1', '8859', 'cp819']);

function normalize(name: string): string {
  const lower = name.toLowerCase().replace(/_/g, '-');
  // Python reads `latin-1-unix`, `utf-8-mac` and the like by their prefix (tokenizer's get_normal_name).
  if (/^utf-8(-|$)/.test(lower) || lower === 'utf8') return 'utf-8';
  if (/^(latin-1|iso-8859-1|iso-latin-1)(-|$)/.test(lower)) return 'latin-1';
  return lower;
}

function declaredEncoding(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, 1024).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '');
  const [first = '', second = ''] = head.split(/\r\n|\r|\n/, 2);
  const match = DECLARATION.exec(first);
  if (match) return match[1];
  // The second line counts only when the first is blank or a comment.
  if (/^[ \t\f]*(#.*)?$/.test(first)) return DECLARATION.exec(second)?.[1];
  return undefined;
}

function lineAt(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(0x0a); i >= 0 && i < offset; i = bytes.indexOf(0x0a, i + 1)) line++;
  return line;
}

/** The offset of the first byte that does not belong to a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let code = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8 either.
    if (code < min || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return i;
    i += need + 1;
  }
  return -1;
}
