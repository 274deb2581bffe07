// The outcome engine's verdict for one linked pathway: its kept rows go through the engine's own row handlers
// (rows.ts) and rules (decideOutcome), exactly as `iapt outcomes` reads them from the tables, without re-reading files.
import { builtinDictionary } from '../dictionary';
import { decideOutcome, builtinThresholds, tableRole, type PathwayOutcome, type Thresholds } from '../outcomes';
import { parseDateTime } from '../outcomes/dates';
import { derivedColumnNames, seriesFromDerived } from '../outcomes/derived';
import { FactsIndex } from '../outcomes/facts';
import { RowIssues } from '../outcomes/issues';
import { emptyStats, makeRowHandler, type LoadContext, type TableRole } from '../outcomes/rows';
import type { LinkedPathway, LinkedRecord } from './types';

const ORDER: TableRole[] = ['referral', 'contacts', 'activities', 'complaints', 'scores'];

export interface VerdictOptions {
  thresholds?: Thresholds;
  /** table ids present in the pathway's extract (a table absent from the extract changes what the engine can say) */
  extractTables?: readonly string[];
}

/** The engine's verdict for the pathway, or null when it has no referral row the engine keeps. */
export function pathwayVerdict(pw: LinkedPathway, opts: VerdictOptions = {}): PathwayOutcome | null {
  const thresholds = opts.thresholds ?? builtinThresholds();
  const dict = builtinDictionary();
  const index = new FactsIndex();
  const ctx: LoadContext = {
    index, thresholds, issues: new RowIssues(), stats: emptyStats(), derivedNames: derivedColumnNames(thresholds),
    isOtherAssessment: (code) => dict.assessment(code) !== undefined,
  };
  const tables = opts.extractTables ?? Object.keys(pw.tables);
  const roles = new Set(tables.map(tableRole).filter((r) => r !== undefined));
  for (const role of ORDER) {
    for (const [tableId, records] of Object.entries(pw.tables)) {
      if (tableRole(tableId) !== role) continue;
      // one handler per file (headers may differ between files of one table)
      const byFile = new Map<string, LinkedRecord[]>();
      for (const r of records) if (r.kept) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
      for (const [file, recs] of byFile) {
        const header = Object.keys(recs[0].fields);
        const handle = makeRowHandler(role, header, file, ctx);
        recs.forEach((r, i) => {
          const end = r.extractEndDate ? parseDateTime(r.extractEndDate.trim())?.date ?? '' : '';
          handle({ index: i, line: r.line, fields: header.map((h) => r.fields[h] ?? '') }, end);
        });
      }
    }
  }
  const p = index.pathways.find((x) => x.id === pw.pathwayId) ?? index.pathways[0];
  if (!p) return null;
  const derivedFirst = thresholds.measures.flatMap((m) => (m.derivedFields ? [m.derivedFields.first] : []));
  const basis = !roles.has('scores') && derivedFirst.some((n) => (p.derived?.[n] ?? '') !== '') ? 'derived-fields' : 'scores';
  if (roles.has('contacts')) index.countTreatmentAppointments();
  const notes: string[] = [];
  const series = basis === 'derived-fields' && p.derived ? seriesFromDerived(p.derived, thresholds, (f, v) => notes.push(`${f} "${v}" is not a number`)) : p.series;
  return decideOutcome({
    pathwayId: p.id, participantId: p.participantId, referralDate: p.referralDate, dischargeDate: p.dischargeDate,
    treatmentAppointments: p.treatmentAppointments, presentingComplaint: p.complaint?.code ?? '', series, basis,
    adsmLabel: p.derived?.ADSM, notes,
  }, thresholds);
}

/** A short reading of a verdict: "recovered", "no reliable change", "not finished: one attended treatment appointment", … */
export function verdictText(o: PathwayOutcome | null): string {
  if (!o) return 'no outcome (no referral row)';
  if (!o.finishedCourse) return `not finished: ${o.exclusion}`;
  if (o.caseness === false) return 'finished, not at caseness';
  if (o.caseness === null) return 'finished, caseness unknown';
  const parts: string[] = [];
  if (o.reliableRecovery) parts.push('reliable recovery');
  else if (o.recovery) parts.push('recovered');
  if (o.reliableImprovement && !o.reliableRecovery) parts.push('reliable improvement');
  if (o.reliableDeterioration) parts.push('reliable deterioration');
  if (o.noReliableChange) parts.push('no reliable change');
  if (parts.length === 0) parts.push('not recovered');
  return parts.join(', ');
}
