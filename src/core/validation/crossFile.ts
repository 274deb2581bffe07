// What files share: the compact key sets and key -> value maps one file's rows are checked against in another
// file (parent keys for referential integrity and orphan rows, dates for cross-table date order). Built while the
// source file streams past; only keys and one value each are kept (no rows). Files are read parents first, so a
// child is checked in its own pass; a child read before its parent (IDS001 before IDS101) keeps its unmatched keys
// with their lines and is checked when all files are read.
import type { Finding, RelatedLocation } from './types';

/** A key set of a parent table's link column (e.g. every ServiceRequestId of IDS101). */
export class KeySet {
  readonly keys = new Set<string>();
  /** files still to be read before the set is complete */
  pending = 0;
  readonly files: string[] = [];
  get complete(): boolean { return this.pending === 0; }
}

/** key -> [value, line, file index] of one column of a source table, joined on a link column. */
export class Lookup {
  readonly map = new Map<string, { value: string; line: number; file: number }>();
  pending = 0;
  readonly files: string[] = [];
  get complete(): boolean { return this.pending === 0; }

  related(key: string, field: string, col: number): RelatedLocation | undefined {
    const hit = this.map.get(key);
    return hit ? { file: this.files[hit.file], line: hit.line, column: col, message: `${field} ${hit.value}` } : undefined;
  }
}

/** A child's rows checked after the parent's key set is complete. */
export interface DeferredParentCheck {
  set: KeySet;
  /** key -> lines of the child rows with that key (only keys not yet known to exist) */
  rows: Map<string, number[]>;
  finding: (key: string, line: number) => Finding;
}

export class CrossFileState {
  private readonly keySets = new Map<string, KeySet>();
  private readonly lookups = new Map<string, Lookup>();
  readonly deferred: DeferredParentCheck[] = [];

  /** The key set of `table`.`key` (created empty; sources register with addKeySource). */
  keySet(table: string, key: string): KeySet {
    const id = `${table}.${key}`;
    let s = this.keySets.get(id);
    if (!s) { s = new KeySet(); this.keySets.set(id, s); }
    return s;
  }

  lookup(table: string, field: string, key: string): Lookup {
    const id = `${table}.${field}|${key}`;
    let l = this.lookups.get(id);
    if (!l) { l = new Lookup(); this.lookups.set(id, l); }
    return l;
  }

  /** Findings of the deferred checks (call once every file has been read). */
  *finishDeferred(): Generator<Finding> {
    for (const d of this.deferred) {
      for (const [key, lines] of d.rows) {
        if (d.set.keys.has(key)) continue;
        for (const line of lines) yield d.finding(key, line);
      }
      d.rows.clear();
    }
  }
}

/** FNV-1a over a row's fields, two 26-bit halves into one safe integer: a compact row fingerprint. */
export function rowHash(fields: readonly string[], skip?: ReadonlySet<number>): number {
  let h1 = 0x811c9dc5; let h2 = 0x01000193 ^ fields.length;
  for (let i = 0; i < fields.length; i++) {
    if (skip?.has(i)) continue;
    const s = fields[i];
    for (let k = 0; k < s.length; k++) {
      const c = s.charCodeAt(k);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    h1 = Math.imul(h1 ^ 0x1f, 0x01000193);
    h2 = Math.imul(h2 ^ 0x1f, 0x5bd1e995);
  }
  return (h1 >>> 6) * 0x4000000 + (h2 >>> 6);
}
