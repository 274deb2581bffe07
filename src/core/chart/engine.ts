// Runs the outcome engine's own row logic (the loader's row handlers, first/last series, rules) over one linked
// pathway's records and records, per score row, what the engine did with it. Nothing here re-implements a rule:
// a score is "used" exactly when the loader's handler adds it to the pathway's series.
import type { CsvRecord } from '../csv';
import { builtinDictionary, type Dictionary } from '../dictionary';
import type { LinkedPathway, LinkedRecord } from '../linking/types';
import { parseDateTime } from '../outcomes/dates';
import { derivedColumnNames } from '../outcomes/derived';
import { FactsIndex, type PathwayAcc } from '../outcomes/facts';
import { RowIssues, type RowIssueExample } from '../outcomes/issues';
import { ORDER, tableRole } from '../outcomes/load';
import { emptyStats, makeRowHandler, type LoadContext, type TableRole } from '../outcomes/rows';
import { decideOutcome } from '../outcomes/rules';
import type { Thresholds } from '../outcomes/thresholds';
import type { PathwayOutcome, ScorePoint } from '../outcomes/types';

/** What the engine did with one score row. */
export type RowFate =
  | { used: true; measure: string; point: ScorePoint }
  | { used: false; reason: string };

export interface EngineView {
  /** the pathway as the engine's facts index holds it (undefined when no referral row was read) */
  acc: PathwayAcc | undefined;
  /** the engine's verdict, null without a referral row */
  outcome: PathwayOutcome | null;
  /** per score row: used (with the engine's point) or the reason it was not */
  fates: Map<LinkedRecord, RowFate>;
  /** rows of other tables the engine skipped, as "file:line: message" */
  skippedRows: string[];
  roles: Set<TableRole>;
}

/** RowIssues that also remembers the last issue added (to tell which row caused it). */
class ObservedIssues extends RowIssues {
  private last: { kind: string; message: string; skipped: boolean } | null = null;
  override add(kind: string, message: string, example: RowIssueExample, skipped = true): void {
    this.last = { kind, message, skipped };
    super.add(kind, message, example, skipped);
  }
  reset(): void { this.last = null; }
  taken(): { kind: string; message: string; skipped: boolean } | null { return this.last; }
}

/** FactsIndex that remembers the score point of the row being read. */
class ObservedIndex extends FactsIndex {
  private added: { measure: string; point: ScorePoint } | null = null;
  override addScore(pathway: PathwayAcc, measure: string, point: ScorePoint): void {
    this.added = { measure, point };
    super.addScore(pathway, measure, point);
  }
  reset(): void { this.added = null; }
  taken(): { measure: string; point: ScorePoint } | null { return this.added; }
}

/** The records of a pathway grouped as the loader reads them: by role order, then file, header and file order. */
function readingOrder(pw: LinkedPathway): { role: TableRole; file: string; header: string[]; records: LinkedRecord[] }[] {
  const groups = new Map<string, { role: TableRole; file: string; header: string[]; records: LinkedRecord[] }>();
  for (const [tableId, records] of Object.entries(pw.tables)) {
    const role = tableRole(tableId);
    if (!role) continue;
    for (const r of records) {
      const header = Object.keys(r.fields);
      const key = `${role}\u0000${r.file}\u0000${header.join('\u0000')}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { role, file: r.file, header, records: [] }));
      g.records.push(r);
    }
  }
  return [...groups.values()].sort((a, b) => ORDER.indexOf(a.role) - ORDER.indexOf(b.role));
}

export function runEngine(pw: LinkedPathway, thresholds: Thresholds, dict: Dictionary = builtinDictionary()): EngineView {
  const index = new ObservedIndex();
  const issues = new ObservedIssues();
  const stats = emptyStats();
  const ctx: LoadContext = {
    index, thresholds, issues, stats,
    derivedNames: derivedColumnNames(thresholds),
    isOtherAssessment: (code) => dict.assessment(code) !== undefined,
  };
  const fates = new Map<LinkedRecord, RowFate>();
  const skippedRows: string[] = [];
  const roles = new Set<TableRole>();
  for (const g of readingOrder(pw)) {
    roles.add(g.role);
    const handle = makeRowHandler(g.role, g.header, g.file, ctx);
    g.records.forEach((r, i) => {
      if (!r.kept) {
        if (g.role === 'scores') fates.set(r, { used: false, reason: r.supersededReason ?? 'superseded by a later UK LLC extract of the same period' });
        return;
      }
      const rec: CsvRecord = { index: i, line: r.line, fields: g.header.map((h) => r.fields[h] ?? '') };
      const extractEnd = r.extractEndDate ? parseDateTime(r.extractEndDate)?.date ?? '' : '';
      issues.reset();
      index.reset();
      const notCounted = { ...stats.scoresNotCounted };
      const others = stats.otherAssessments;
      handle(rec, extractEnd);
      if (g.role === 'scores') {
        fates.set(r, fateOf(index.taken(), issues.taken(), notCounted, stats.scoresNotCounted, others !== stats.otherAssessments));
      } else {
        const issue = issues.taken();
        if (issue?.skipped) skippedRows.push(`${r.file}:${r.line}: ${issue.message}`);
      }
    });
  }
  const acc = index.pathway(pw.pathwayId) ?? index.pathways[0];
  if (roles.has('contacts')) index.countTreatmentAppointments();
  const outcome = acc ? decideOutcome({
    pathwayId: acc.id, participantId: acc.participantId, referralDate: acc.referralDate, dischargeDate: acc.dischargeDate,
    treatmentAppointments: acc.treatmentAppointments, presentingComplaint: acc.complaint?.code ?? '', series: acc.series,
    basis: 'scores', adsmLabel: acc.derived?.ADSM,
  }, thresholds) : null;
  return { acc, outcome, fates, skippedRows, roles };
}

function fateOf(
  added: { measure: string; point: ScorePoint } | null, issue: { kind: string } | null,
  before: Record<string, number>, after: Record<string, number>, otherAssessment: boolean,
): RowFate {
  if (added) return { used: true, measure: added.measure, point: added.point };
  if (issue) return { used: false, reason: issue.kind };
  for (const k of Object.keys(after)) if (after[k] !== before[k]) return { used: false, reason: k };
  if (otherAssessment) return { used: false, reason: 'not an outcome measure' };
  return { used: false, reason: 'not read by the outcome engine' };
}
