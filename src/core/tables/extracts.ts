// Extract boundaries: which recognised tables belong together. Separate extracts are never merged silently:
// tables of both layouts, or the same table in two folders, mean the paths hold more than one extract.
// Used by the CLI (`iapt outcomes`, `iapt tables`) and available to the extension.
import * as path from 'node:path';
import type { Layout } from '../dictionary/types';

export interface ExtractFile {
  path: string;
  /** IDS id or UK LLC table name */
  tableId: string;
  layout: Layout;
}

export interface Extract {
  /** the folder holding the extract's files (their deepest common folder) */
  folder: string;
  layout: Layout;
  files: ExtractFile[];
}

export interface ExtractGrouping {
  extracts: Extract[];
  /** why the files are more than one extract (empty when they are one) */
  reasons: string[];
}

/**
 * Groups recognised tables into extracts. Files are one extract when they are all of one layout and no table
 * appears in two folders (an extract may be spread over sub-folders); otherwise each (folder, layout) is an extract.
 * Several files of one table in the same folder stay one extract (monthly parts of one table are combined).
 * Linear in the number of files; the order of the input is kept within each extract.
 */
export function groupExtracts(files: readonly ExtractFile[]): ExtractGrouping {
  const groups = new Map<string, Extract>();
  const foldersOfTable = new Map<string, { id: string; folders: Set<string> }>();
  const layouts = new Set<Layout>();
  for (const f of files) {
    const folder = path.dirname(f.path);
    const key = `${f.layout}\u0000${folder}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { folder, layout: f.layout, files: [] }));
    g.files.push(f);
    layouts.add(f.layout);
    const tableKey = `${f.layout}\u0000${f.tableId.toLowerCase()}`;
    let t = foldersOfTable.get(tableKey);
    if (!t) foldersOfTable.set(tableKey, (t = { id: f.tableId, folders: new Set() }));
    t.folders.add(folder);
  }
  const reasons: string[] = [];
  if (layouts.size > 1) reasons.push('tables of both layouts (NHS IDS and UK LLC)');
  const repeated: string[] = []; const repeatedIn = new Set<string>();
  for (const { id, folders } of foldersOfTable.values()) {
    if (folders.size > 1) { repeated.push(id); for (const f of folders) repeatedIn.add(f); }
  }
  if (repeated.length) {
    const ids = repeated.slice(0, 4).join(', ') + (repeated.length > 4 ? `, … (${repeated.length} tables)` : '');
    reasons.push(`the same table in several folders: ${ids} in ${[...repeatedIn].sort().join(', ')}`);
  }
  if (reasons.length === 0) {
    if (groups.size <= 1) return { extracts: [...groups.values()], reasons };
    // one layout, each table in one folder: one extract spread over folders
    return { extracts: [{ folder: commonFolder(files.map((f) => path.dirname(f.path))), layout: files[0].layout, files: [...files] }], reasons };
  }
  const extracts = [...groups.values()].sort((a, b) => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : a.layout < b.layout ? -1 : 1));
  return { extracts, reasons };
}

/** The deepest folder containing every given folder ('.' for relative paths with nothing in common). */
export function commonFolder(folders: readonly string[]): string {
  if (folders.length === 0) return '.';
  let common = folders[0].split(path.sep);
  for (const f of folders.slice(1)) {
    const parts = f.split(path.sep);
    let i = 0;
    while (i < common.length && i < parts.length && common[i] === parts[i]) i++;
    common = common.slice(0, i);
  }
  const joined = common.join(path.sep);
  return joined === '' ? (folders[0].startsWith(path.sep) ? path.sep : '.') : joined;
}

/** "sample/nhs (nhs, 6 tables: IDS101, IDS201, …)" */
export function describeExtract(e: Extract, maxTables = 6): string {
  const ids = [...new Set(e.files.map((f) => f.tableId))];
  const list = ids.slice(0, maxTables).join(', ') + (ids.length > maxTables ? ', …' : '');
  return `${e.folder} (${e.layout === 'nhs' ? 'NHS IDS' : 'UK LLC'}, ${e.files.length} table file${e.files.length === 1 ? '' : 's'}: ${list})`;
}

/**
 * What a front end says when the files are several extracts: a first line with the reasons, then one line per
 * extract (`  folder (layout, N table files: …)`). The caller adds how to choose one in its own terms.
 */
export function severalExtractsLines(g: ExtractGrouping): string[] {
  return [
    `the paths hold ${g.extracts.length} separate extracts, which are never merged (${g.reasons.join('; ')}):`,
    ...g.extracts.map((e) => `  ${describeExtract(e)}`),
  ];
}
