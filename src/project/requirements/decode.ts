/**
 * Bytes to text the way pip's `auto_decode` does it: a byte-order mark wins, then a PEP 263 `coding`
 * declaration on one of the first two lines, then the locale's encoding, which is UTF-8 on Heroku.
 * pip stops with a traceback when the bytes do not decode; here that becomes a problem and the text is
 * decoded leniently, so the rest of the file is still checked.
 */
export interface DecodedText {
  text: string;
  /** A reason pip could not read the file, with the physical line it trips on. */
  problem?: { line: number; message: string };
}

const BOMS: [bytes: number[], encoding: string][] = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  // codecs.BOM_UTF16 is the native order, little-endian on Heroku's x86-64, so FF FE reads as UTF-16 LE.
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

const CODING_RE = /coding[:=][ \t\n\r\f\v]*([-\w.]+)/;

export function decodeRequirementsBytes(bytes: Uint8Array): DecodedText {
  for (const [bom, encoding] of BOMS) {
    if (bom.every((b, i) => bytes[i] === b)) return decodeStrict(bytes.subarray(bom.length), encoding);
  }
  const declared = declaredEncoding(bytes);
  if (declared === undefined) return decodeStrict(bytes, 'utf-8');
  const codec = pythonCodec(declared);
  if (codec === undefined) {
    return {
      text: new TextDecoder('utf-8').decode(bytes),
      problem: { line: 1, message: `unknown encoding '${declared}' in the coding line: pip cannot read this file` },
    };
  }
  return decodeStrict(bytes, codec);
}

/** The PEP 263 declaration pip honours: a line starting with `#` among the first two (split on LF). */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  let start = 0;
  for (let n = 0; n < 2 && start <= bytes.length; n++) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    if (bytes[start] === 0x23) {
      // latin1 keeps one char per byte, so the ASCII regex sees exactly what Python's bytes regex sees.
      const match = CODING_RE.exec(latin1(bytes.subarray(start, end)));
      if (match) return match[1];
    }
    start = end + 1;
  }
  return undefined;
}

/** Python's codec lookup for the names people write; anything else is tried as a WHATWG label. */
function pythonCodec(name: string): string | undefined {
  const normal = name.toLowerCase().replace(/[^a-z0-9.]+/g, '_').replace(/^_+|_+$/g, '');
  const aliases: Record<string, string> = {
    latin_1: 'latin1', latin1: 'latin1', latin: 'latin1', l1: 'latin1', iso8859_1: 'latin1',
    iso_8859_1: 'latin1', '8859': 'latin1', cp819: 'latin1', ibm819: 'latin1', iso_ir_100: 'latin1',
    csisolatin1: 'latin1', utf_8: 'utf-8', utf8: 'utf-8', u8: 'utf-8', utf: 'utf-8', cp65001: 'utf-8',
    utf_8_sig: 'utf-8', ascii: 'ascii', us_ascii: 'ascii', '646': 'ascii', utf_16: 'utf-16le',
    utf16: 'utf-16le', utf_16_le: 'utf-16le', utf_16le: 'utf-16le', utf_16_be: 'utf-16be', utf_16be: 'utf-16be',
    cp1252: 'windows-1252', windows_1252: 'windows-1252',
  };
  const known = aliases[normal];
  if (known) return known;
  try {
    new TextDecoder(normal.replace(/_/g, '-'));
    return normal.replace(/_/g, '-');
  } catch {
    return undefined;
  }
}

function decodeStrict(bytes: Uint8Array, encoding: string): DecodedText {
  if (encoding === 'latin1') return { text: latin1(bytes) };
  if (encoding === 'ascii') {
    const bad = bytes.findIndex((b) => b > 0x7f);
    const text = latin1(bytes);
    return bad < 0 ? { text } : { text, problem: undecodable(bytes, bad, 'ascii') };
  }
  // ignoreBOM keeps a second U+FEFF as text, as Python does once the first BOM is cut off.
  try {
    return { text: new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
    return { text, problem: undecodable(bytes, firstBadOffset(bytes, encoding), encoding) };
  }
}

function undecodable(bytes: Uint8Array, offset: number, encoding: string): { line: number; message: string } {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return { line, message: `bytes that are not valid ${encoding}: pip stops with a UnicodeDecodeError` };
}

/** Where decoding first fails, found line by line (TextDecoder does not say). */
function firstBadOffset(bytes: Uint8Array, encoding: string): number {
  if (!encoding.startsWith('utf-8')) return 0;
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    try {
      new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(start, end));
    } catch {
      return start;
    }
    start = end + 1;
  }
  return 0;
}

function latin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return out;
}
