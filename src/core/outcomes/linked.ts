// Facts of one pathway from its linked rows (the workspace index's LinkedPathway), each with its file:line, so the
// score chart and the pathway views can call computePathwayOutcome / explainPathwayScores on exactly the rows they
// show. Rows are read with the loader's column names, date parsing and choices (./choices).
import type { LinkedPathway, LinkedRecord } from '../linking/types';
import { complaintCode, preferReferral, rowHash, type ReferralCandidate } from './choices';
import { Columns, COL } from './columns';
import { derivedColumnNames } from './derived';
import { parseDateTime, parseTime } from './dates';
import { latestExtractRows } from './extracts';
import { compareIds } from './series';
import { tableRole } from './load';
import { builtinThresholds, type Thresholds } from './thresholds';
import type { ComplaintFact, ContactFact, DerivedFields, PathwayFacts, ScoreFact } from './types';

/** A record's cells by NHS name (case-insensitive, dictionary aliases), '' when absent; `raw` keeps the cell untrimmed. */
function reader(rec: LinkedRecord, cache: Map<string, Columns>) {
  const header = Object.keys(rec.fields);
  const key = header.join('\u0000');
  let cols = cache.get(key);
  if (!cols) { cols = new Columns(header); cache.set(key, cols); }
  const values = Object.values(rec.fields);
  const raw = (names: readonly string[]) => { const i = cols!.find(...names); return i >= 0 ? values[i] ?? '' : ''; };
  return { get: (names: readonly string[]) => raw(names).trim(), raw, find: (n: string) => cols!.find(n), values };
}

const date = (text: string) => parseDateTime(text)?.date ?? '';
const dateTime = (text: string) => parseDateTime(text) ?? { date: '', time: '' };
const time = (text: string, fallback: string) => (text.trim() ? parseTime(text) ?? fallback : fallback);

/**
 * The facts of one linked pathway. Unreadable dates and times are '' (unknown), as in the loader; UK LLC extract
 * stamps are carried so that explainPathwayScores and the contact count apply the extract rule; referral rows are
 * reduced to one with the loader's rule (extract rule first, then preferReferral).
 */
export function factsFromLinkedPathway(
  lp: LinkedPathway, thresholds: Thresholds = builtinThresholds(),
  /** whether the extract has a presenting-complaint table (default: lp.tables names one, even with no rows) */
  options: { complaintTable?: boolean } = {},
): PathwayFacts {
  const cache = new Map<string, Columns>();
  const byRole = (role: string) => Object.entries(lp.tables).filter(([id]) => tableRole(id) === role || (role === 'activities' && tableRole(id) === 'contacts')).flatMap(([, rows]) => rows);
  const place = (r: LinkedRecord) => ({ file: r.file, line: r.line });
  const stamp = (g: ReturnType<typeof reader>) => (lp.layout === 'ukllc' ? { extractStart: g.get(COL.extractStart), extractEnd: g.get(COL.extractEnd) } : {});

  // referral: the latest extract of each year, then one row by preferReferral
  const referrals = byRole('referral').map((r) => ({ r, g: reader(r, cache) }));
  const kept = latestExtractRows(referrals, ({ g }) => ({ pathwayId: lp.pathwayId, ...stamp(g) }));
  let best: { cand: ReferralCandidate; r: LinkedRecord; g: ReturnType<typeof reader> } | undefined;
  referrals.forEach(({ r, g }, i) => {
    const k = kept[i];
    if (!k.kept) return;
    const cand = { dischargeDate: date(g.get(COL.dischargeDate)), referralDate: date(g.get(COL.referralDate)), extractEnd: k.end, hash: rowHash(g.values) };
    if (!best || preferReferral(cand, best.cand)) best = { cand, r, g };
  });
  let derived: DerivedFields | undefined;
  if (best) {
    const g = best.g;
    const names = derivedColumnNames(thresholds).filter((n) => g.find(n) >= 0);
    if (names.length) derived = Object.fromEntries(names.map((n) => [n, g.get([n])]));
  }

  // contacts (IDS201 / UK LLC care activities) and the activity → contact map (IDS202 / UK LLC care activities)
  const contacts: ContactFact[] = [];
  const activityContact = new Map<string, string>();
  for (const r of byRole('contacts')) {
    const g = reader(r, cache);
    const id = g.get(COL.contact);
    if (!id) continue;
    const d = dateTime(g.get(COL.contactDate));
    contacts.push({ id, date: d.date, time: time(g.get(COL.contactTime), d.time), appType: g.get(COL.appType), attend: g.get(COL.attend), place: place(r), ...stamp(g) });
  }
  for (const r of byRole('activities')) {
    const g = reader(r, cache);
    const act = g.get(COL.activity); const contact = g.get(COL.contact);
    // a CareActId under two contacts: the lower CareContactId keeps it (as in the loader)
    if (act && contact && (!activityContact.has(act) || compareIds(contact, activityContact.get(act)!) < 0)) activityContact.set(act, contact);
  }

  const complaints: ComplaintFact[] = [];
  const complaintRows = byRole('complaints').map((r) => ({ r, g: reader(r, cache) }));
  const complaintKept = latestExtractRows(complaintRows, ({ g }) => ({ pathwayId: lp.pathwayId, ...stamp(g) }));
  complaintRows.forEach(({ r, g }, i) => {
    if (!complaintKept[i].kept) return;
    const { code, validated } = complaintCode(g.get(COL.validatedComplaint), g.get(COL.complaint));
    if (code) complaints.push({ code, validated, significance: g.get(COL.complaintSignificance), date: date(g.get(COL.complaintDate)), id: g.get(COL.complaintId), place: place(r) });
  });

  const scores: ScoreFact[] = [];
  for (const r of byRole('scores')) {
    const g = reader(r, cache);
    const code = g.get(COL.tool);
    const raw = g.raw(COL.score);
    const act = g.get(COL.activity);
    const contactId = act ? activityContact.get(act) ?? `?${act}` : g.get(COL.contact) || undefined;
    const d = dateTime(g.get(COL.scoreDate));
    scores.push({
      measure: thresholds.measureForSnomed(code)?.id ?? `SNOMED ${code}`, value: Number(raw), raw,
      ...(contactId ? { contactId } : { date: d.date, time: time(g.get(COL.scoreTime), d.time) }),
      rowId: act || g.get(['UniqueID_IDS606', 'UniqueID_IDS607']), place: place(r), ...stamp(g),
    });
  }
  const referralPlace = best ? place(best.r) : undefined;
  return {
    pathwayId: lp.pathwayId,
    participantId: lp.participantId ?? (best ? best.g.get(COL.participant) : ''),
    referralDate: best?.cand.referralDate ?? '',
    dischargeDate: best?.cand.dischargeDate ?? '',
    contacts, scores, complaints, derived,
    noComplaintTable: (options.complaintTable ?? Object.keys(lp.tables).some((id) => tableRole(id) === 'complaints')) ? undefined : true,
    ...(referralPlace ? { place: referralPlace } : {}),
  };
}
