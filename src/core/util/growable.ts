// Growable typed arrays: compact per-row columns for the indexes (linking) and per-pathway state (outcomes).

type Numeric = Int32Array | Uint32Array | Uint8Array;

/** A typed array that doubles when full; push returns the new entry's index. */
export class GrowableColumn<T extends Numeric> {
  private data: T;
  length = 0;
  constructor(private readonly make: (n: number) => T, initial = 1024) { this.data = make(initial); }
  push(v: number): number {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length] = v;
    return this.length++;
  }
  get(i: number): number { return this.data[i]; }
  set(i: number, v: number): void { this.data[i] = v; }
  /** a right-sized copy */
  done(): T { return this.data.slice(0, this.length) as T; }
}

/** Growable Int32Array. */
export class Int32Column extends GrowableColumn<Int32Array> {
  constructor() { super((n) => new Int32Array(n)); }
}
