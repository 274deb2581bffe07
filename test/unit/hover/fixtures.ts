// Builds the HoverTable a recognised table would give, straight from the dictionary (no table recognition needed).
import { builtinDictionary } from '../../../src/core/dictionary';
import type { HoverTable } from '../../../src/core/hover';

export const dict = builtinDictionary();

export function nhsTable(id: string, header: string[], version: HoverTable['version'] = '2.1'): HoverTable {
  return { layout: 'nhs', id, nhsTables: [id], version, columns: header.map((h, index) => ({ index, header: h, field: dict.field(h, id) ?? null })) };
}

export function ukllcTable(name: string, header: string[]): HoverTable {
  const entry = dict.ukllcTable(name);
  if (!entry) throw new Error(`no UK LLC table ${name}`);
  return { layout: 'ukllc', id: entry.name, nhsTables: entry.nhsTables, version: 'unknown', columns: header.map((h, index) => ({ index, header: h, field: dict.field(h, name) ?? null })) };
}

/**
 * Characters our own markup never uses: in a rendered hover they must only appear escaped (from data). Escaped
 * means preceded by an odd number of backslashes: '\\[' is a literal backslash followed by a live '['.
 */
export const NEVER_RAW = /(?<!\\)(?:\\\\)*[[\]<>`]/;
