/**
 * Numbers distinct byte strings (the paths of a log) 0, 1, 2… without making a string of each
 * occurrence: an open-addressing hash table over a copy of each distinct key's bytes. A summary looks
 * up one path per request, millions of times; a Map would need a string per lookup. At most `limit`
 * keys are kept, so a log of endless distinct paths cannot grow it without end.
 */
export class ByteKeys {
  private slots: Int32Array;
  private hashes: Int32Array;
  private offsets: Int32Array;
  private lengths: Int32Array;
  private store: Buffer;
  private used = 0;
  private count = 0;

  constructor(private readonly limit: number) {
    this.slots = new Int32Array(1024).fill(-1);
    this.hashes = new Int32Array(64);
    this.offsets = new Int32Array(64);
    this.lengths = new Int32Array(64);
    this.store = Buffer.allocUnsafe(4096);
  }

  get size(): number {
    return this.count;
  }

  /** The number of bytes[start, end), new or known; -1 when it is new and the table is full. */
  id(bytes: Uint8Array, start: number, end: number): number {
    // FNV-1a, 32 bits.
    let hash = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
    const mask = this.slots.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[slot]!;
      if (id < 0) {
        if (this.count >= this.limit) return -1;
        return this.insert(slot, hash, bytes, start, end);
      }
      if (this.hashes[id] === hash && this.lengths[id] === length && this.equal(id, bytes, start, length)) return id;
    }
  }

  /** Key `id` decoded as UTF-8. */
  text(id: number): string {
    return this.store.toString('utf8', this.offsets[id]!, this.offsets[id]! + this.lengths[id]!);
  }

  private equal(id: number, bytes: Uint8Array, start: number, length: number): boolean {
    const store = this.store;
    const offset = this.offsets[id]!;
    for (let i = 0; i < length; i++) if (store[offset + i] !== bytes[start + i]) return false;
    return true;
  }

  private insert(slot: number, hash: number, bytes: Uint8Array, start: number, end: number): number {
    const id = this.count++;
    if (id === this.hashes.length) {
      this.hashes = grow(this.hashes);
      this.offsets = grow(this.offsets);
      this.lengths = grow(this.lengths);
    }
    const length = end - start;
    if (this.used + length > this.store.length) {
      const store = Buffer.allocUnsafe(Math.max(this.store.length * 2, this.used + length));
      this.store.copy(store, 0, 0, this.used);
      this.store = store;
    }
    this.store.set(bytes.subarray(start, end), this.used);
    this.hashes[id] = hash;
    this.offsets[id] = this.used;
    this.lengths[id] = length;
    this.used += length;
    this.slots[slot] = id;
    if (this.count * 2 > this.slots.length) this.rehash();
    return id;
  }

  /** Keeps the table at most half full, so a probe ends quickly. */
  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let id = 0; id < this.count; id++) {
      let slot = this.hashes[id]! & mask;
      while (slots[slot]! >= 0) slot = (slot + 1) & mask;
      slots[slot] = id;
    }
    this.slots = slots;
  }
}

function grow(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
