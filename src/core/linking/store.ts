// Compact storage for the workspace index: interned keys (one number per distinct ID) and growable typed arrays.
import { Int32Column } from '../util/growable';

export { Int32Column };

/**
 * Distinct strings of one kind of key → dense ids 0..n-1 (and back). An open-addressing table of ids (Int32Array,
 * linear probing, FNV-1a hash of the chars) instead of a Map: with millions of keys (contact / activity ids of a
 * national extract) a Map's entries and rehashing cost several times more time and memory.
 */
export class Interner {
  readonly names: string[] = [];
  private hashes = new Int32Array(16);
  private table = new Int32Array(32).fill(-1);
  private mask = 31;
  id(name: string): number {
    const h = hashString(name);
    const table = this.table;
    const mask = this.mask;
    let i = h & mask;
    for (;;) {
      const k = table[i];
      if (k === -1) break;
      if (this.hashes[k] === h && this.names[k] === name) return k;
      i = (i + 1) & mask;
    }
    const k = this.names.length;
    this.names.push(name);
    if (k === this.hashes.length) {
      const bigger = new Int32Array(k * 2);
      bigger.set(this.hashes);
      this.hashes = bigger;
    }
    this.hashes[k] = h;
    table[i] = k;
    if (2 * (k + 1) > mask) this.grow();
    return k;
  }
  get(name: string): number | undefined {
    const h = hashString(name);
    let i = h & this.mask;
    for (;;) {
      const k = this.table[i];
      if (k === -1) return undefined;
      if (this.hashes[k] === h && this.names[k] === name) return k;
      i = (i + 1) & this.mask;
    }
  }
  get size(): number { return this.names.length; }
  /** doubles the table (load stays at most 1/2) */
  private grow(): void {
    const size = (this.mask + 1) * 2;
    const table = new Int32Array(size).fill(-1);
    const mask = size - 1;
    for (let k = 0; k < this.names.length; k++) {
      let i = this.hashes[k] & mask;
      while (table[i] !== -1) i = (i + 1) & mask;
      table[i] = k;
    }
    this.table = table;
    this.mask = mask;
  }
}

/** FNV-1a over the UTF-16 code units, with a final mix (low bits index the table). */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h & 0x7fffffff;
}

/** Compressed sparse rows: for each of n owners, the items pushed for it, built in two passes (count, then fill). */
export class Csr {
  readonly start: Uint32Array;
  readonly items: Uint32Array;
  private readonly fill: Uint32Array;
  constructor(counts: Uint32Array) {
    this.start = new Uint32Array(counts.length + 1);
    for (let i = 0; i < counts.length; i++) this.start[i + 1] = this.start[i] + counts[i];
    this.items = new Uint32Array(this.start[counts.length]);
    this.fill = this.start.slice(0, counts.length);
  }
  add(owner: number, item: number): void { this.items[this.fill[owner]++] = item; }
  of(owner: number): Uint32Array { return this.items.subarray(this.start[owner], this.start[owner + 1]); }
  count(owner: number): number { return this.start[owner + 1] - this.start[owner]; }
}
