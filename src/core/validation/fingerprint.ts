// A compact map from 52-bit fingerprints (rowHash) to a line number and one small number: open addressing over
// typed arrays, 12 bytes a slot (16 with the extra number) at most three quarters full (linear probing). A Map<number, number> keyed by numbers above 2^31 costs a heap
// number and a hash-table entry per key (about 80 bytes); this keeps uniqueness and duplicate-row checks of files
// with millions of rows within a few tens of MB.

const TWO_32 = 4294967296;

export class FingerprintTable {
  private lo: Uint32Array;
  private hi: Uint32Array;
  /** line of the key's first row; 0 = empty slot (lines start at 1) */
  private lines: Uint32Array;
  /** allocated on the first non-zero extra number */
  private extra: Uint32Array | null = null;
  private mask: number;
  size = 0;

  constructor(capacity = 1024) {
    let n = 16;
    while (n < capacity) n *= 2;
    this.lo = new Uint32Array(n); this.hi = new Uint32Array(n); this.lines = new Uint32Array(n);
    this.mask = n - 1;
  }

  private slot(lo: number, hi: number): number {
    // the low bits of rowHash come from its second half; mix in the first so that clustered keys spread
    let i = (Math.imul(lo ^ hi, 0x9e3779b1) >>> 0) & this.mask;
    while (this.lines[i] !== 0 && (this.lo[i] !== lo || this.hi[i] !== hi)) i = (i + 1) & this.mask;
    return i;
  }

  /** The first line stored for `h`, or 0 when `h` is new. */
  line(h: number): number {
    return this.lines[this.slot(h >>> 0, Math.floor(h / TWO_32))];
  }

  /** The extra number stored with `h` (0 when none). */
  extraOf(h: number): number {
    return this.extra ? this.extra[this.slot(h >>> 0, Math.floor(h / TWO_32))] : 0;
  }

  /**
   * Stores `h` with its line (≥ 1) and an extra number when `h` is new; returns the line already stored for `h`,
   * or 0 when it was new.
   */
  add(h: number, line: number, extra = 0): number {
    const lo = h >>> 0; const hi = Math.floor(h / TWO_32);
    const i = this.slot(lo, hi);
    if (this.lines[i] !== 0) return this.lines[i];
    this.lo[i] = lo; this.hi[i] = hi; this.lines[i] = Math.max(1, line);
    if (extra !== 0) (this.extra ??= new Uint32Array(this.lines.length))[i] = extra;
    if (++this.size * 4 > this.lines.length * 3) this.grow();
    return 0;
  }

  private grow(): void {
    const { lo, hi, lines, extra } = this;
    const n = lines.length * 2;
    this.lo = new Uint32Array(n); this.hi = new Uint32Array(n); this.lines = new Uint32Array(n); this.extra = extra ? new Uint32Array(n) : null;
    this.mask = n - 1;
    for (let j = 0; j < lines.length; j++) {
      if (lines[j] === 0) continue;
      const i = this.slot(lo[j], hi[j]);
      this.lo[i] = lo[j]; this.hi[i] = hi[j]; this.lines[i] = lines[j];
      if (extra) this.extra![i] = extra[j];
    }
  }
}

/**
 * A copy of `s` that does not keep the text it was cut from alive: V8 represents a slice of 13 characters or more
 * as a view into its parent string (here a whole chunk of the file), so a key kept for the whole run would keep its
 * chunk. Shorter strings are copies already.
 */
export function detached(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}
