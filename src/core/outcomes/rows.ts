// One handler per kind of outcome table: turns a streamed row into compact facts. Every row ends in exactly one of
// `used` (stats.rowsUsed) or ignored (a skipped issue, counted by reason with file:line examples), so that
// rows read = used + ignored. A bad field the row does not need is reported and treated as unknown (issue 13 item 5).
import type { CsvRecord } from '../csv';
import { complaintCode, preferReferral, rowHash } from './choices';
import { Columns, cell, COL } from './columns';
import { parseDateTime, parseTime } from './dates';
import { ATTENDED, TREATMENT_TYPE, type FactsIndex, type PathwayAcc } from './facts';
import type { RowIssues } from './issues';
import { choosePresentingComplaint } from './rules';
import { contactsConflict, parseScore, preferContact, scorePoint, type ScoreSkip } from './series';
import type { Thresholds } from './thresholds';

/** What an outcome table contributes. UK LLC care_activities = contacts + activities; coded_scored_assessments = both score levels. */
export type TableRole = 'referral' | 'contacts' | 'activities' | 'complaints' | 'scores';

export interface LoadStats {
  rowsRead: number;
  /** rows that contributed to the facts (read = used + ignored) */
  rowsUsed: number;
  /** UK LLC rows of earlier extract periods, dropped by the de-duplication */
  earlierExtractRows: number;
  scoresUsed: number;
  scoresNotCounted: Record<ScoreSkip, number>;
  /** coded scored assessments that are not outcome measures (WSAS items, PEQ, ...) */
  otherAssessments: number;
}

export function emptyStats(): LoadStats {
  return { rowsRead: 0, rowsUsed: 0, earlierExtractRows: 0, scoresUsed: 0, scoresNotCounted: { 'contact not attended': 0, 'after discharge': 0, 'unknown contact': 0, 'no date': 0 }, otherAssessments: 0 };
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
  /** UK LLC extract-period de-duplication (default true; false only to show, in tests, what it protects against) */
  dedupeExtracts?: boolean;
}

export type RowHandler = (rec: CsvRecord, extractEnd: string) => void;

/**
 * Derived fields are short and repetitive ("True", "False", "12"): one shared string per distinct short value instead
 * of one per pathway (memory of national extracts). Longer values are kept as they are; the pool stays small.
 */
const SHORT_TEXTS = new Map<string, string>();
function shortText(v: string): string {
  if (v.length > 8) return v;
  const known = SHORT_TEXTS.get(v);
  if (known !== undefined) return known;
  if (SHORT_TEXTS.size < 4096) SHORT_TEXTS.set(v, v);
  return v;
}
/**
 * Dates (YYYY-MM-DD) and times kept per pathway and per first/last score: one shared string per distinct value (a
 * few thousand days) instead of one per row kept.
 */
const DATE_TEXTS = new Map<string, string>();
function dateText(v: string): string {
  if (v === '' || v.length > 10) return v;
  const known = DATE_TEXTS.get(v);
  if (known !== undefined) return known;
  if (DATE_TEXTS.size < 65536) DATE_TEXTS.set(v, v);
  return v;
}

const SCORE_SKIP_KIND: Record<ScoreSkip, string> = {
  'contact not attended': 'score at a contact not attended',
  'after discharge': 'score after discharge',
  'unknown contact': 'unknown care activity',
  'no date': 'score without a date',
};

export function makeRowHandler(role: TableRole, header: readonly string[], file: string, ctx: LoadContext): RowHandler {
  const c = new Columns(header);
  const { index, issues, thresholds, stats } = ctx;
  const pathwayCol = c.find(...COL.pathway);
  const srCol = c.find(...COL.serviceRequest);
  const place = (rec: CsvRecord, column: number) => ({ file, line: rec.line, column: column + 1, value: cell(rec.fields, column) });
  /** the row is ignored: counted under `kind` with its place */
  const ignore = (kind: string, message: string, rec: CsvRecord, column: number) => issues.add(kind, message, place(rec, column));
  /** the row is set aside by a rule (nothing wrong with it) */
  const setAside = (kind: string, message: string, rec: CsvRecord, column: number) => issues.add(kind, message, place(rec, column), true, true);
  /** the row is used as it is, with a problem worth saying */
  const note = (kind: string, message: string, rec: CsvRecord, column: number, value?: string) =>
    issues.add(kind, message, { ...place(rec, column), ...(value !== undefined ? { value } : {}) }, false);
  const used = () => { stats.rowsUsed++; };
  const ATTEND_CODE = [...thresholds.attendedCodes][0];
  const TREAT_CODE = [...thresholds.treatmentAppTypes][0];

  /** a date cell: '' when empty or unreadable (the latter reported, the row kept) */
  const dateAt = (rec: CsvRecord, col: number, what: string): { date: string; time: string } => {
    const v = cell(rec.fields, col);
    if (v === '') return { date: '', time: '' };
    const d = parseDateTime(v);
    if (!d) { note('unparseable date', `unparseable date; ${what} treated as unknown, row kept`, rec, col); return { date: '', time: '' }; }
    return { date: dateText(d.date), time: dateText(d.time) };
  };
  /** a time cell (or the time of the date cell): '' when absent or unreadable (reported, row kept) */
  const timeAt = (rec: CsvRecord, col: number, fallback: string, what: string): string => {
    const t = cell(rec.fields, col);
    if (!t) return fallback;
    const parsed = parseTime(t);
    if (parsed === null) { note('unparseable time', `unparseable ${what}; time treated as unknown, row kept`, rec, col); return fallback; }
    return dateText(parsed);
  };
  /** the pathway a child row names (PathwayID, else ServiceRequestId): undefined = names none; null = unknown (ignored) */
  const pathwayOf = (rec: CsvRecord): PathwayAcc | undefined | null => {
    const pid = cell(rec.fields, pathwayCol);
    const sr = cell(rec.fields, srCol);
    if (!pid && !sr) return undefined;
    const p = pid ? index.pathway(pid) : index.pathwayByServiceRequest(sr);
    if (!p) {
      ignore('unknown pathway', 'pathway not in the referral table (orphan row); row skipped', rec, pid || srCol < 0 ? pathwayCol : srCol);
      return null;
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
      if (!id) return ignore('no pathway id', 'no PathwayID or ServiceRequestId; row skipped', rec, pathwayCol >= 0 ? pathwayCol : srCol);
      const ref = dateAt(rec, refCol, 'ReferralRequestReceivedDate');
      const dis = dateAt(rec, disCol, 'ServDischDate (so the pathway counts as not discharged)');
      if (ref.date && dis.date && dis.date < ref.date) {
        note('discharge before referral', 'ServDischDate before ReferralRequestReceivedDate; row kept as written', rec, disCol, dis.date);
      }
      const p = index.upsertPathway(id, cell(rec.fields, srCol));
      const hash = rowHash(rec.fields);
      // one referral row per pathway, chosen without regard to row order (preferReferral); the other is ignored
      if (p.place.line !== 0) {
        const better = preferReferral({ dischargeDate: dis.date, referralDate: ref.date, extractEnd, hash }, { dischargeDate: p.dischargeDate, referralDate: p.referralDate, extractEnd: p.extractEnd, hash: p.rowHash });
        const loser = better ? { file: p.place.file, line: p.place.line, column: 0, value: id } : { file, line: rec.line, column: 0, value: id };
        if (extractEnd !== p.extractEnd) {
          issues.add('referral row of another financial year', 'the pathway\'s referral row of its latest extract is used (UK LLC: one kept extract per financial year)', loser, true, true);
        } else {
          issues.add('another referral row of the same pathway', 'more than one referral row for a pathway; the closed / latest-dated one is used, this one ignored', loser);
        }
        if (!better) return;
      } else {
        used();
      }
      p.participantId = cell(rec.fields, partCol);
      p.referralDate = ref.date;
      p.dischargeDate = dis.date;
      p.dischargeUnreadable = dis.date === '' && cell(rec.fields, disCol) !== '';
      p.extractEnd = extractEnd;
      p.place = { file, line: rec.line };
      p.rowHash = hash;
      if (derivedCols.length) {
        p.derived = {};
        for (const [name, i] of derivedCols) p.derived[name] = shortText(cell(rec.fields, i));
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
      if (!contactId) return ignore('no care contact id', 'no CareContactId; row skipped', rec, contactCol);
      const p = pathwayOf(rec);
      if (p === null) return;
      const actId = cell(rec.fields, actCol);
      if (role === 'activities') {
        const ci = p ? index.contactOf(p, contactId) ?? 'none' : index.contact(contactId);
        if (ci === 'ambiguous') return ignore('ambiguous care contact', 'CareContactId used by several pathways and the row names none; row skipped (never attributed to the wrong pathway)', rec, contactCol);
        if (ci === 'none') return ignore('unknown care contact', 'care activity of a contact not in the care contact table; row skipped', rec, contactCol);
        if (!actId) return ignore('no care activity id', 'no CareActId; row skipped', rec, actCol);
        const added = index.addActivity(actId, ci);
        if (added === 'same') return ignore('duplicate row', 'care activity already read; row skipped', rec, actCol);
        if (added === 'conflict') note('conflicting care activity rows', 'one CareActId under two contacts of a pathway; the lower CareContactId keeps it', rec, actCol);
        return used();
      }
      if (!p) return ignore('unknown pathway', 'care contact with no PathwayID or ServiceRequestId; row skipped', rec, pathwayCol);
      const d = dateAt(rec, dateCol, 'CareContDate (the contact cannot count as a treatment appointment)');
      if (!d.date && cell(rec.fields, dateCol) === '') note('no contact date', 'no CareContDate; the contact cannot count as a treatment appointment, row kept', rec, dateCol);
      const time = timeAt(rec, timeCol, d.time, 'CareContTime');
      const appType = cell(rec.fields, appCol);
      if (/^\d$/.test(appType)) note('AppType without leading zero', `AppType written without its leading zero (Excel damage); read as 0${appType}, row kept`, rec, appCol, appType);
      const attend = cell(rec.fields, attCol);
      const flags = (thresholds.isAttended(attend) ? ATTENDED : 0) | (thresholds.isTreatmentAppType(appType) ? TREATMENT_TYPE : 0);
      if (d.date && p.referralDate && d.date < p.referralDate) note('contact before referral date', 'CareContDate before the referral date; counted (no referral-date cut is documented), row kept', rec, dateCol);
      let ci = index.contactOf(p, contactId);
      let added = false;
      if (ci === undefined) {
        ci = index.addContact(contactId, p, d.date, time, flags);
        added = true;
      } else {
        const old = index.contactInfo(ci);
        const a = { date: old.date, time: old.time, attend: old.attended ? ATTEND_CODE : '', appType: old.treatment ? TREAT_CODE : '' };
        const b = { date: d.date, time, attend: flags & ATTENDED ? ATTEND_CODE : '', appType: flags & TREATMENT_TYPE ? TREAT_CODE : '' };
        if (contactsConflict(a, b, thresholds)) {
          note('conflicting care contact rows', `rows of one CareContactId disagree (date, time, attendance or type); the attended/treatment/earliest row is used`, rec, attCol, `${contactId}: ${attend}`);
          if (preferContact(b, a, thresholds) < 0) index.updateContact(ci, d.date, time, flags);
          added = true;
        }
      }
      if (actId) {
        const act = index.addActivity(actId, ci);
        if (act === 'conflict') note('conflicting care activity rows', 'one CareActId under two contacts of a pathway; the lower CareContactId keeps it', rec, actCol);
        if (act !== 'same') added = true;
      }
      if (!added) return ignore('duplicate row', 'same care contact (and activity) as an earlier row; row skipped', rec, contactCol);
      used();
    };
  }

  if (role === 'complaints') {
    const codeCol = c.find(...COL.complaint);
    const validCol = c.find(...COL.validatedComplaint);
    const sigCol = c.find(...COL.complaintSignificance);
    const dateCol = c.find(...COL.complaintDate);
    const idCol = c.find(...COL.complaintId);
    return (rec) => {
      const { code, validated: isValidated } = complaintCode(cell(rec.fields, validCol), cell(rec.fields, codeCol));
      if (!code) return setAside('no presenting complaint', 'no PresComp on the row (e.g. a long-term condition row); row not needed', rec, codeCol >= 0 ? codeCol : validCol);
      const p = pathwayOf(rec);
      if (p === null) return;
      if (!p) return ignore('unknown pathway', 'presenting complaint with no PathwayID or ServiceRequestId; row skipped', rec, pathwayCol);
      const d = dateAt(rec, dateCol, 'PresCompDate');
      const fact = { code, validated: isValidated, significance: cell(rec.fields, sigCol), date: d.date, id: cell(rec.fields, idCol), place: { file, line: rec.line } };
      p.complaint = p.complaint ? choosePresentingComplaint([p.complaint, fact], thresholds) : fact;
      used();
    };
  }

  // scores: IDS606 (referral level), IDS607 (care activity level) or the UK LLC table holding both
  const toolCol = c.find(...COL.tool);
  const scoreCol = c.find(...COL.score);
  const actCol = c.find(...COL.activity);
  const contactCol = c.find(...COL.contact);
  const dateCol = c.find(...COL.scoreDate);
  const timeCol = c.find(...COL.scoreTime);
  const idCol = c.find('UniqueID_IDS606', 'UniqueID_IDS607');
  return (rec) => {
    const code = cell(rec.fields, toolCol);
    const measure = thresholds.measureForSnomed(code);
    if (!measure) {
      if (code && ctx.isOtherAssessment(code)) { stats.otherAssessments++; return setAside('not an outcome measure', 'a coded scored assessment that is not an outcome measure (e.g. WSAS item); row not needed', rec, toolCol); }
      return ignore('unknown measure', 'CodedAssToolType is not a known coded scored assessment; row skipped', rec, toolCol);
    }
    // the score as written (not trimmed): " 7 ", "0x7", "5e0" and "12.5" for an integer measure are not used
    const raw = shortText(scoreCol >= 0 && scoreCol < rec.fields.length ? rec.fields[scoreCol] : '');
    const parsed = parseScore(raw, measure);
    if ('problem' in parsed) {
      const why = parsed.problem === 'out of range' ? `outside ${measure.id} range ${measure.min}-${measure.max}`
        : parsed.problem === 'not an integer' ? `not a whole number (${measure.id} is an integer measure)` : 'not a plain decimal number';
      return ignore(`score ${parsed.problem}`, `PersScore ${why}; row skipped`, rec, scoreCol);
    }
    const value = parsed.value;
    const actId = cell(rec.fields, actCol);
    const contactId = cell(rec.fields, contactCol);
    const named = pathwayOf(rec);
    if (named === null) return;
    let p: PathwayAcc;
    let contact: { date: string; time: string; attend: string } | undefined;
    let score: { value: number; raw: string; date?: string; time?: string; contactId?: string; rowId?: string };
    if (actId || contactId) {
      const ci = actId ? index.activityContact(actId, named) : named ? index.contactOf(named, contactId) ?? 'none' : index.contact(contactId);
      if (ci === 'ambiguous') return ignore('ambiguous care activity', 'CareActId/CareContactId used by several pathways and the row names none; row skipped (never attributed to the wrong pathway)', rec, actId ? actCol : contactCol);
      if (ci === 'none') {
        stats.scoresNotCounted['unknown contact']++;
        return ignore('unknown care activity', 'score of a care activity/contact not in the care activity tables; row skipped', rec, actId ? actCol : contactCol);
      }
      const info = index.contactInfo(ci);
      p = info.pathway;
      contact = { date: info.date, time: info.time, attend: info.attended ? ATTEND_CODE : '' };
      score = { value, raw, contactId: info.id, rowId: actId || cell(rec.fields, idCol) };
    } else {
      if (!named) return ignore('unknown pathway', 'referral-level score with no PathwayID or ServiceRequestId; row skipped', rec, pathwayCol);
      p = named;
      const d = dateAt(rec, dateCol, 'AssToolCompDate');
      score = { value, raw, date: d.date, time: timeAt(rec, timeCol, d.time, 'AssToolCompTime'), rowId: cell(rec.fields, idCol) };
    }
    // no place on the point: nothing downstream of the index reads it (explainPathwayScores re-derives one pathway's
    // scores, with places, from its linked rows), and two objects per kept score add up at national scale
    const point = scorePoint(score, contact, p.dischargeDate, thresholds, index.nextSeq());
    if (typeof point === 'string') {
      stats.scoresNotCounted[point]++;
      const benign = point === 'after discharge' || point === 'contact not attended';
      return (benign ? setAside : ignore)(SCORE_SKIP_KIND[point], `not used for first/last (${point})`, rec, point === 'no date' ? dateCol : scoreCol);
    }
    if (p.referralDate && point.date < p.referralDate) note('score before referral date', 'score dated before the referral date; used (no referral-date cut is documented), row kept', rec, dateCol >= 0 ? dateCol : scoreCol, point.date);
    stats.scoresUsed++;
    index.addScore(p, measure.id, point);
    used();
  };
}
