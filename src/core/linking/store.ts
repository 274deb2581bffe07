// Compact storage for the workspace index: interned keys (one number per distinct ID) and growable typed arrays.

/** Distinct strings of one kind of key → dense ids 0..n-1 (and back). */
export class Interner {
  private readonly ids = new Map<string, number>();
  readonly names: string[] = [];
  id(name: string): number {
    let i = this.ids.get(name);
    if (i === undefined) {
      i = this.names.length;
      this.names.push(name);
      this.ids.set(name, i);
    }
    return i;
  }
  get(name: string): number | undefined { return this.ids.get(name); }
  get size(): number { return this.names.length; }
}

/** Growable Int32Array. */
export class Int32Column {
  private data = new Int32Array(1024);
  length = 0;
  /** appends and returns the new entry's index */
  push(v: number): number {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length] = v;
    return this.length++;
  }
  get(i: number): number { return this.data[i]; }
  set(i: number, v: number): void { this.data[i] = v; }
  /** a right-sized copy */
  done(): Int32Array { return this.data.slice(0, this.length); }
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
