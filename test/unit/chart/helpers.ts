// Builders of LinkedPathway fixtures for the chart tests: small CSV texts per table, or a generated extract
// grouped by pathway with an independent scan (PathwayID / pathwayid columns; UK LLC latest extract per year).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvText } from '../../../src/core/csv';
import type { LinkedPathway, LinkedRecord } from '../../../src/core/linking/types';

export interface TableText {
  csv: string;
  /** rows (0-based data index) the engine does not keep (superseded UK LLC extracts) */
  superseded?: number[];
}

export function linkedPathway(layout: 'nhs' | 'ukllc', pathwayId: string, participantId: string | null, tables: Record<string, TableText>): LinkedPathway {
  const out: LinkedPathway = { pathwayId, participantId, layout, tables: {} };
  for (const [tableId, t] of Object.entries(tables)) {
    const file = `/data/${tableId}.csv`;
    const parsed = parseCsvText(t.csv.trim() + '\n', { file });
    out.tables[tableId] = parsed.records.map((r): LinkedRecord => {
      const fields: Record<string, string> = {};
      parsed.header.forEach((h, i) => { fields[h] = r.fields[i] ?? ''; });
      const kept = !(t.superseded ?? []).includes(r.index);
      return {
        file, line: r.line, offset: 0, tableId, layout,
        extractEndDate: fields.extract_end_date ?? null, kept,
        ...(kept ? {} : { supersededReason: 'superseded by a later extract of the same financial year' }),
        fields,
      };
    });
  }
  return out;
}

const fy = (date: string) => (Number(date.slice(5, 7)) >= 4 ? Number(date.slice(0, 4)) : Number(date.slice(0, 4)) - 1);

/** Every pathway of a generated extract folder, grouped by its pathway column (independent of the index and the engine). */
export function pathwaysOfExtract(dir: string, files: { file: string; table: string; layout: string }[]): Map<string, LinkedPathway> {
  const out = new Map<string, LinkedPathway>();
  for (const f of files) {
    const path = join(dir, f.file);
    const parsed = parseCsvText(readFileSync(path, 'utf8'), { file: path });
    const pwCol = parsed.header.findIndex((h) => h.toLowerCase() === 'pathwayid');
    if (pwCol < 0) continue;
    const endCol = parsed.header.indexOf('extract_end_date');
    const startCol = parsed.header.indexOf('extract_start_date');
    const latest = new Map<string, string>();
    if (endCol >= 0) {
      for (const r of parsed.records) {
        const k = `${r.fields[pwCol]}|${fy(r.fields[startCol] || r.fields[endCol])}`;
        if (!latest.has(k) || latest.get(k)! < r.fields[endCol]) latest.set(k, r.fields[endCol]);
      }
    }
    for (const r of parsed.records) {
      const id = r.fields[pwCol];
      if (!id) continue;
      let pw = out.get(id);
      if (!pw) out.set(id, (pw = { pathwayId: id, participantId: null, layout: f.layout as 'nhs' | 'ukllc', tables: {} }));
      const fields: Record<string, string> = {};
      parsed.header.forEach((h, i) => { fields[h] = r.fields[i] ?? ''; });
      const end = endCol >= 0 ? r.fields[endCol] : null;
      const kept = end === null || latest.get(`${id}|${fy(r.fields[startCol] || end)}`) === end;
      (pw.tables[f.table] ??= []).push({ file: path, line: r.line, offset: 0, tableId: f.table, layout: pw.layout, extractEndDate: end, kept, fields });
      const part = fields.Person_ID ?? fields.cohortkey_e;
      if (part && !pw.participantId) pw.participantId = part;
    }
  }
  return out;
}
