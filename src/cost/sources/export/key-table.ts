// Open-addressing hash table from fixed-length int tuples to dense indexes 0, 1, 2, ... kept in
// typed arrays, so a lookup touches two or three cache lines instead of a chain of JS objects.
// Must not import anything cost- or platform-specific.

const EMPTY = -1;

export class KeyTable {
  private slots: Int32Array;
  private keys: Int32Array;
  private hashes: Int32Array;
  /** Number of keys stored; indexes run 0..size-1 in insertion order. */
  size = 0;

  constructor(private readonly width: number, capacity = 1024) {
    this.slots = new Int32Array(capacity * 2).fill(EMPTY);
    this.keys = new Int32Array(capacity * width);
    this.hashes = new Int32Array(capacity);
  }

  /** Index of `key` (first `width` ints) with hash `h`, inserting it if new. */
  indexOf(key: Int32Array, h: number): number {
    const mask = this.slots.length - 1;
    const w = this.width;
    let pos = h & mask;
    for (;;) {
      const idx = this.slots[pos];
      if (idx === EMPTY) break;
      if (this.hashes[idx] === h) {
        const base = idx * w;
        let k = 0;
        while (k < w && this.keys[base + k] === key[k]) k++;
        if (k === w) return idx;
      }
      pos = (pos + 1) & mask;
    }
    if ((this.size + 1) * w > this.keys.length) {
      this.grow();
      return this.indexOf(key, h);
    }
    const idx = this.size++;
    this.keys.set(key.subarray(0, w), idx * w);
    this.hashes[idx] = h;
    this.slots[pos] = idx;
    return idx;
  }

  /** The stored tuple at an index (a view: copy it to keep it). */
  keyAt(idx: number): Int32Array {
    return this.keys.subarray(idx * this.width, (idx + 1) * this.width);
  }

  private grow(): void {
    const cap = this.hashes.length * 2;
    const keys = new Int32Array(cap * this.width);
    keys.set(this.keys);
    const hashes = new Int32Array(cap);
    hashes.set(this.hashes);
    // Half-full at most, so probes stay short.
    const slots = new Int32Array(cap * 2).fill(EMPTY);
    const mask = slots.length - 1;
    for (let idx = 0; idx < this.size; idx++) {
      let pos = hashes[idx] & mask;
      while (slots[pos] !== EMPTY) pos = (pos + 1) & mask;
      slots[pos] = idx;
    }
    this.keys = keys;
    this.hashes = hashes;
    this.slots = slots;
  }
}

/** Final avalanche (murmur3 fmix32) so the table's low bits depend on every id. */
export function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
