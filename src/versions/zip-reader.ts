
/**
 * Just enough of the ZIP format (APPNOTE.TXT) to read OSV's `all.zip`: the central directory
 * (with its ZIP64 variant, as a full export may outgrow the classic limits), stored and deflated entries.
 * Throws Error with a plain reason; the caller names the file.
 */
export interface ZipEntry {
  name: string;
  read(): Buffer;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX = 0xffffffff;

export function zipEntries(zip: Buffer): ZipEntry[] {
  const eocd = findEocd(zip);
  let count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === MAX) ({ count, offset } = zip64Directory(zip, eocd));
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    need(zip, offset, 46);
    if (zip.readUInt32LE(offset) !== CENTRAL) throw new Error(`central directory entry ${i} is damaged`);
    const method = zip.readUInt16LE(offset + 10);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    need(zip, offset + 46, nameLength + extraLength);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    const sizes = {
      compressed: zip.readUInt32LE(offset + 20),
      uncompressed: zip.readUInt32LE(offset + 24),
      local: zip.readUInt32LE(offset + 42),
    };
    applyZip64Extra(zip.subarray(offset + 46 + nameLength, offset + 46 + nameLength + extraLength), sizes);
    entries.push({ name, read: () => readEntry(zip, name, method, sizes) });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function findEocd(zip: Buffer): number {
  // The record is 22 bytes plus a comment of at most 64 KiB, at the very end.
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) return i;
  }
  throw new Error('not a zip archive (no end-of-central-directory record)');
}

function zip64Directory(zip: Buffer, eocd: number): { count: number; offset: number } {
  const locator = eocd - 20;
  if (locator < 0 || zip.readUInt32LE(locator) !== ZIP64_LOCATOR) throw new Error('ZIP64 locator missing');
  const record = Number(zip.readBigUInt64LE(locator + 8));
  need(zip, record, 56);
  if (zip.readUInt32LE(record) !== ZIP64_EOCD) throw new Error('ZIP64 directory record missing');
  return { count: Number(zip.readBigUInt64LE(record + 32)), offset: Number(zip.readBigUInt64LE(record + 48)) };
}

/** ZIP64 extra field (id 1): 8-byte values for exactly the fields whose 4-byte slot holds 0xFFFFFFFF. */
function applyZip64Extra(extra: Buffer, sizes: { compressed: number; uncompressed: number; local: number }): void {
  for (let p = 0; p + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(p);
    const size = extra.readUInt16LE(p + 2);
    if (id === 1) {
      let q = p + 4;
      for (const field of ['uncompressed', 'compressed', 'local'] as const) {
        if (sizes[field] === MAX && q + 8 <= p + 4 + size) {
          sizes[field] = Number(extra.readBigUInt64LE(q));
          q += 8;
        }
      }
    }
    p += 4 + size;
  }
}

function readEntry(zip: Buffer, name: string, method: number, sizes: { compressed: number; local: number }): Buffer {
  need(zip, sizes.local, 30);
  if (zip.readUInt32LE(sizes.local) !== LOCAL) throw new Error(`${name}: local header is damaged`);
  const start = sizes.local + 30 + zip.readUInt16LE(sizes.local + 26) + zip.readUInt16LE(sizes.local + 28);
  need(zip, start, sizes.compressed);
  const data = zip.subarray(start, start + sizes.compressed);
  if (method === 0) return data;
  // zlib loads on first use: check imports this module, and zlib with its streams is a tenth of Node's start-up.
  if (method === 8) return process.getBuiltinModule('node:zlib').inflateRawSync(data);
  throw new Error(`${name}: compression method ${method} is not supported`);
}

function need(zip: Buffer, offset: number, length: number): void {
  if (offset < 0 || offset + length > zip.length) throw new Error('archive is truncated');
}
