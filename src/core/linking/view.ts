// Plain-data view of one participant or pathway for the sidebar tree (built where the index lives, e.g. a worker
// thread, and posted as is): pathways with their label and verdict, per table the rows with a decoded one-line
// summary and their fields, UK LLC rows grouped by extract period, unlinked rows with the reason.
import { fieldText, pathwaySummary, recordFields, recordSummary } from './summary';
import type { IdMatch, LinkIndex } from './linkIndex';
import type { LinkedRecord } from './types';

export interface ViewRow {
  summary: string;
  file: string;
  line: number;
  offset: number;
  tableId: string;
  extractEndDate: string | null;
  kept: boolean;
  supersededReason?: string;
  /** "name: value — meaning" per field */
  fields: string[];
  /** why the row is unlinked (unlinked rows only) */
  reason?: string;
}

export interface ViewPeriod {
  /** extract end date as written ('' when the row has none) */
  extractEndDate: string;
  rows: ViewRow[];
}

export interface ViewTable {
  tableId: string;
  rows: ViewRow[];
  /** UK LLC tables with extract dates: the rows grouped by extract end date, latest first */
  periods?: ViewPeriod[];
}

export interface ViewPathway {
  pathwayId: string;
  label: string;
  description: string;
  tables: ViewTable[];
}

export interface ParticipantView {
  match: IdMatch;
  participantId: string | null;
  pathways: ViewPathway[];
  /** participant-level tables */
  records: ViewTable[];
  unlinked: ViewRow[];
}

export function viewRow(r: LinkedRecord, reason?: string): ViewRow {
  return {
    summary: recordSummary(r), file: r.file, line: r.line, offset: r.offset, tableId: r.tableId, extractEndDate: r.extractEndDate,
    kept: r.kept, ...(r.supersededReason ? { supersededReason: r.supersededReason } : {}),
    fields: recordFields(r).map(fieldText), ...(reason ? { reason } : {}),
  };
}

function viewTables(tables: Record<string, LinkedRecord[]>): ViewTable[] {
  return Object.entries(tables).map(([tableId, recs]) => {
    const rows = recs.map((r) => viewRow(r));
    if (!recs.some((r) => r.extractEndDate !== null)) return { tableId, rows };
    const byEnd = new Map<string, ViewRow[]>();
    for (const row of rows) {
      const k = (row.extractEndDate ?? '').trim();
      byEnd.set(k, [...(byEnd.get(k) ?? []), row]);
    }
    const periods = [...byEnd].sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0)).map(([extractEndDate, rs]) => ({ extractEndDate, rows: rs }));
    return { tableId, rows, periods };
  });
}

/** The view of a match (see LinkIndex.readMatch); extract tables come from the index for the verdicts. */
export async function buildView(index: LinkIndex, match: IdMatch): Promise<ParticipantView> {
  const v = await index.readMatch(match);
  const extractTables = index.files.filter((f) => f.layout === match.layout && f.scope.endsWith(`:${match.folder}`)).map((f) => f.tableId);
  return {
    match,
    participantId: v.participantId,
    pathways: v.pathways.map((p) => {
      const s = pathwaySummary(p, { extractTables });
      return { pathwayId: p.pathwayId, label: s.label, description: s.description, tables: viewTables(p.tables) };
    }),
    records: viewTables(v.records ?? {}),
    unlinked: v.unlinked.map((u) => viewRow(u.record, u.reason)),
  };
}
