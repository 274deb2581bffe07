// One handler per kind of outcome table: turns a streamed row into compact facts (or a counted, located issue).
import type { CsvRecord } from '../csv';
import { Columns, cell, COL } from './columns';
import { parseDateTime, parseTime } from './dates';
import { ATTENDED, TREATMENT_TYPE, type FactsIndex, type PathwayAcc } from './facts';
import type { RowIssues } from './issues';
import { choosePresentingComplaint } from './rules';
import { scorePoint, type ScoreSkip } from './series';
import type { Thresholds } from './thresholds';

/** What an outcome table contributes. UK LLC care_activities = contacts + activities; coded_scored_assessments = both score levels. */
export type TableRole = 'referral' | 'contacts' | 'activities' | 'complaints' | 'scores';

export interface LoadStats {
  rowsRead: number;
  /** UK LLC rows of earlier extract periods, dropped by the de-duplication */
  earlierExtractRows: number;
  scoresUsed: number;
  scoresNotCounted: Record<ScoreSkip, number>;
  /** coded scored assessments that are not outcome measures (WSAS items, PEQ, ...) */
  otherAssessments: number;
}

export function emptyStats(): LoadStats {
  return { rowsRead: 0, earlierExtractRows: 0, scoresUsed: 0, scoresNotCounted: { 'contact not attended': 0, 'after discharge': 0, 'unknown contact': 0, 'no date': 0 }, otherAssessments: 0, };
}

export interface LoadContext {
  index: FactsIndex;
  thresholds: Thresholds;
  issues: RowIssues;
  stats: LoadStats;
  /** derived IDS101 columns to keep per pathway (NHS names) */
  derivedNames: readonly string[];
  /** true for a SNOMED code of a known coded scored assessment that is not an outcome measure */
  isOtherAssessment(code: string): boolean;
}

export type RowHandler = (rec: CsvRecord, extractEnd: string) => void;

export function makeRowHandler(role: TableRole, header: readonly string[], file: string, ctx: LoadContext): RowHandler {
  const c = new Columns(header);
  const { index, issues, thresholds } = ctx;
  const pathwayCol = c.find(...COL.pathway);
  const srCol = c.find(...COL.serviceRequest);
  const issue = (kind: string, message: string, rec: CsvRecord, column: number) =>
    issues.add(kind, message, { file, line: rec.line, column: column + 1, value: cell(rec.fields, column) });

  /** a date cell: '' when empty, null (and an issue) when unparseable */
  const dateAt = (rec: CsvRecord, col: number): { date: string; time: string } | null => {
    const v = cell(rec.fields, col);
    if (v === '') return { date: '', time: '' };
    const d = parseDateTime(v);
    if (!d) issue('unparseable date', 'unparseable date; row skipped', rec, col);
    return d;
  };
  /** the pathway a child row belongs to (PathwayID, else ServiceRequestId); undefined (and an issue) when unknown */
  const pathwayOf = (rec: CsvRecord): PathwayAcc | undefined => {
    const pid = cell(rec.fields, pathwayCol);
    const sr = cell(rec.fields, srCol);
    const p = pid ? index.pathway(pid) : sr ? index.pathwayByServiceRequest(sr) : undefined;
    if (!p) {
      const col = pid || srCol < 0 ? pathwayCol : srCol;
      issue('unknown pathway', 'pathway not in the referral table (orphan row); row skipped', rec, col);
    }
    return p;
  };

  if (role === 'referral') {
    const partCol = c.find(...COL.participant);
    const refCol = c.find(...COL.referralDate);
    const disCol = c.find(...COL.dischargeDate);
    const derivedCols = ctx.derivedNames.map((n) => [n, c.find(n)] as const).filter(([, i]) => i >= 0);
    return (rec, extractEnd) => {
      const id = cell(rec.fields, pathwayCol) || cell(rec.fields, srCol);
      if (!id) return issue('no pathway id', 'no PathwayID or ServiceRequestId; row skipped', rec, pathwayCol >= 0 ? pathwayCol : srCol);
      const ref = dateAt(rec, refCol); if (!ref) return;
      const dis = dateAt(rec, disCol); if (!dis) return;
      if (ref.date && dis.date && dis.date < ref.date) {
        issues.add('discharge before referral', 'ServDischDate before ReferralRequestReceivedDate; row kept as written', { file, line: rec.line, column: disCol + 1, value: dis.date }, false);
      }
      const p = index.upsertPathway(id, cell(rec.fields, srCol));
      // keep one referral row per pathway: a closed one before an open one, then the latest extract / later row
      const fresh = p.place.line === 0;
      const better = fresh || (dis.date !== '' && p.dischargeDate === '')
        || ((dis.date !== '') === (p.dischargeDate !== '') && extractEnd >= p.extractEnd);
      if (!better) return;
      p.participantId = cell(rec.fields, partCol);
      p.referralDate = ref.date;
      p.dischargeDate = dis.date;
      p.extractEnd = extractEnd;
      p.place = { file, line: rec.line };
      if (derivedCols.length) {
        p.derived = {};
        for (const [name, i] of derivedCols) p.derived[name] = cell(rec.fields, i);
      }
    };
  }

  if (role === 'contacts' || role === 'activities') {
    const contactCol = c.find(...COL.contact);
    const actCol = c.find(...COL.activity);
    const dateCol = c.find(...COL.contactDate);
    const timeCol = c.find(...COL.contactTime);
    const appCol = c.find(...COL.appType);
    const attCol = c.find(...COL.attend);
    return (rec) => {
      const contactId = cell(rec.fields, contactCol);
      if (!contactId) return issue('no care contact id', 'no CareContactId; row skipped', rec, contactCol);
      if (role === 'contacts') {
        const p = pathwayOf(rec); if (!p) return;
        const d = dateAt(rec, dateCol); if (!d) return;
        if (!d.date) return issue('no contact date', 'no CareContDate; row skipped', rec, dateCol);
        let time = d.time;
        const t = cell(rec.fields, timeCol);
        if (t) {
          const parsed = parseTime(t);
          if (parsed === null) return issue('unparseable time', 'unparseable CareContTime; row skipped', rec, timeCol);
          time = parsed;
        }
        const appType = cell(rec.fields, appCol);
        if (/^\d$/.test(appType)) {
          issues.add('AppType without leading zero', `AppType written without its leading zero (Excel damage); read as 0${appType}, row kept`,
            { file, line: rec.line, column: appCol + 1, value: appType }, false);
        }
        const flags = (thresholds.isAttended(cell(rec.fields, attCol)) ? ATTENDED : 0)
          | (thresholds.isTreatmentAppType(appType) ? TREATMENT_TYPE : 0);
        index.addContact(contactId, p, d.date, time, flags);
      }
      const actId = cell(rec.fields, actCol);
      if (actId && !index.addActivity(actId, contactId) && role === 'activities') {
        issue('unknown care contact', 'care activity of a contact not in the care contact table; row skipped', rec, contactCol);
      }
    };
  }

  if (role === 'complaints') {
    const codeCol = c.find(...COL.complaint);
    const validCol = c.find(...COL.validatedComplaint);
    const sigCol = c.find(...COL.complaintSignificance);
    const dateCol = c.find(...COL.complaintDate);
    const idCol = c.find(...COL.complaintId);
    return (rec) => {
      const validated = cell(rec.fields, validCol);
      const code = validated && validated !== '-3' ? validated : cell(rec.fields, codeCol);
      if (!code) return; // a long-term condition row of the UK LLC conditions table, or no complaint recorded
      const p = pathwayOf(rec); if (!p) return;
      const d = dateAt(rec, dateCol); if (!d) return;
      const fact = { code, significance: cell(rec.fields, sigCol), date: d.date, id: cell(rec.fields, idCol) || String(rec.index) };
      p.complaint = p.complaint ? choosePresentingComplaint([p.complaint, fact], thresholds) : fact;
    };
  }

  // scores: IDS606 (referral level), IDS607 (care activity level) or the UK LLC table holding both
  const toolCol = c.find(...COL.tool);
  const scoreCol = c.find(...COL.score);
  const actCol = c.find(...COL.activity);
  const contactCol = c.find(...COL.contact);
  const dateCol = c.find(...COL.scoreDate);
  const timeCol = c.find(...COL.scoreTime);
  return (rec) => {
    const code = cell(rec.fields, toolCol);
    const measure = thresholds.measureForSnomed(code);
    if (!measure) {
      if (code && ctx.isOtherAssessment(code)) { ctx.stats.otherAssessments++; return; }
      return issue('unknown measure', 'CodedAssToolType is not a known coded scored assessment; row skipped', rec, toolCol);
    }
    const raw = cell(rec.fields, scoreCol);
    const value = Number(raw);
    if (raw === '' || !Number.isFinite(value)) return issue('score not a number', 'PersScore is not a number; row skipped', rec, scoreCol);
    if ((measure.min !== null && value < measure.min) || (measure.max !== null && value > measure.max)) {
      return issue('score out of range', `PersScore outside ${measure.id} range ${measure.min}-${measure.max}; row skipped`, rec, scoreCol);
    }
    const actId = cell(rec.fields, actCol);
    const contactId = cell(rec.fields, contactCol);
    let p: PathwayAcc | undefined;
    let contact: { date: string; time: string; attend: string } | undefined;
    let score: { value: number; raw: string; date?: string; time?: string; contactId?: string };
    if (actId || contactId) {
      const ci = actId ? index.activityContact(actId) : index.contact(contactId);
      if (ci === undefined) {
        return issue('unknown care activity', 'score of a care activity/contact not in the care activity tables; row skipped', rec, actId ? actCol : contactCol);
      }
      const info = index.contactInfo(ci);
      p = info.pathway;
      contact = { date: info.date, time: info.time, attend: info.attended ? [...thresholds.attendedCodes][0] : '' };
      score = { value, raw, contactId: `#${ci}` };
    } else {
      p = pathwayOf(rec); if (!p) return;
      const d = dateAt(rec, dateCol); if (!d) return;
      let time = d.time;
      const t = cell(rec.fields, timeCol);
      if (t) {
        const parsed = parseTime(t);
        if (parsed === null) return issue('unparseable time', 'unparseable AssToolCompTime; row skipped', rec, timeCol);
        time = parsed;
      }
      score = { value, raw, date: d.date, time };
    }
    const point = scorePoint(score, contact, p.dischargeDate, thresholds, index.nextSeq());
    if (typeof point === 'string') { ctx.stats.scoresNotCounted[point]++; return; }
    ctx.stats.scoresUsed++;
    index.addScore(p, measure.id, point);
  };
}
