// Data preparation of the score chart: one participant's (or one pathway's) linked rows → series per measure,
// each point with its date, session, appointment type, attendance, severity band and what the engine did with it.
// Which scores are used, the first/last pair and the verdict come from the outcome engine itself (./engine).
import { builtinDictionary, type Dictionary } from '../dictionary';
import { bandFor, builtinSeverityBands, type SeverityBands } from '../hover/severityBands';
import type { LinkedPathway, LinkedRecord } from '../linking/types';
import { Columns, cell, COL } from '../outcomes/columns';
import { parseDateTime } from '../outcomes/dates';
import { tableRole } from '../outcomes/load';
import type { MeasureThresholds } from '../outcomes/schema';
import { builtinThresholds, type Thresholds } from '../outcomes/thresholds';
import { builtinChartConfig, shapeFor, type ChartConfig, type SummedMeasure } from './config';
import type { ScoreExplanation } from '../outcomes';
import { runEngine, type EngineView } from './engine';
import type { ChartData, ChartMeasure, ChartPathway, ChartPoint, ChartSelection, ChartVerdict } from './protocol';

export interface PrepareOptions {
  thresholds?: Thresholds;
  dictionary?: Dictionary;
  config?: ChartConfig;
  severity?: SeverityBands;
}

interface Ctx {
  thresholds: Thresholds;
  dict: Dictionary;
  config: ChartConfig;
  severity: SeverityBands;
  columns(header: readonly string[]): Columns;
}

interface ContactInfo { date: string; time: string; appType: string; attend: string; kept: boolean }

/** Builds the chart of one participant or pathway from its linked rows (pathways in referral-date order). */
export function prepareChart(selection: ChartSelection, pathways: readonly LinkedPathway[], options: PrepareOptions = {}): ChartData {
  const dict = options.dictionary ?? builtinDictionary();
  const cache = new Map<string, Columns>();
  const ctx: Ctx = {
    thresholds: options.thresholds ?? builtinThresholds(),
    dict,
    config: options.config ?? builtinChartConfig(),
    severity: options.severity ?? builtinSeverityBands(),
    columns(header) {
      const key = header.join('\u0000');
      let c = cache.get(key);
      if (!c) cache.set(key, (c = new Columns(header, dict)));
      return c;
    },
  };
  const charted = pathways.map((pw) => preparePathway(pw, ctx))
    .sort((a, b) => (a.referralDate || '9999').localeCompare(b.referralDate || '9999') || a.pathwayId.localeCompare(b.pathwayId));
  const participantId = pathways.find((p) => p.participantId)?.participantId ?? null;
  const title = selection.kind === 'participant'
    ? `Participant ${selection.id} · ${charted.length} pathway${charted.length === 1 ? '' : 's'}`
    : `Pathway ${selection.id}${participantId ? ` · participant ${participantId}` : ''}`;
  let empty: string | null = null;
  if (charted.length === 0) empty = `No linked rows found for ${selection.kind} ${selection.id}.`;
  else if (charted.every((p) => p.measures.length === 0)) {
    empty = `No scores recorded for ${selection.kind} ${selection.id}: no coded scored assessment rows (IDS606/IDS607 or IAPT_coded_scored_assessments) are linked to ${charted.length === 1 ? 'this pathway' : 'these pathways'}.`;
  }
  return { selection, title, participantId, pathways: charted, empty };
}

function preparePathway(pw: LinkedPathway, ctx: Ctx): ChartPathway {
  const view = runEngine(pw, ctx.thresholds);
  const contacts = contactLookup(pw, ctx);
  const notes: string[] = [];
  const byMeasure = new Map<string, ChartPoint[]>();
  const summed = new Map<string, LinkedRecord[]>();
  const other = new Map<string, number>();
  for (const [tableId, records] of Object.entries(pw.tables)) {
    if (tableRole(tableId) !== 'scores') continue;
    for (const r of records) {
      const c = ctx.columns(Object.keys(r.fields));
      const code = cell(fieldsOf(r), c.find(...COL.tool));
      const m = ctx.thresholds.measureForSnomed(code);
      if (m) { push(byMeasure, m.id, scorePoint(r, code, view, contacts, ctx)); continue; }
      const s = ctx.config.summedMeasures.find((x) => x.items.includes(code));
      if (s) { push(summed, s.id, r); continue; }
      const a = ctx.dict.assessment(code);
      if (a) other.set(a.name, (other.get(a.name) ?? 0) + 1);
      else notes.push(`${r.file}:${r.line}: CodedAssToolType "${code}" is not a known coded scored assessment; not drawn`);
    }
  }
  for (const [name, n] of other) notes.push(`${n} score${n === 1 ? '' : 's'} of ${name} (not an outcome measure) not drawn`);
  const outcome = view.outcome;
  if (!outcome) notes.unshift('No referral row is linked to this pathway: the engine cannot decide its outcome.');
  if (!Object.keys(pw.tables).some((id) => tableRole(id) === 'contacts')) notes.push('No care contact rows are linked: attended treatment appointments count as 0 and contact-level scores cannot be dated.');

  const measures: ChartMeasure[] = [];
  for (const m of ctx.thresholds.measures) {
    const points = byMeasure.get(m.id);
    if (!points) continue;
    measures.push(outcomeMeasure(m, points, view, ctx));
  }
  for (const s of ctx.config.summedMeasures) {
    const rows = summed.get(s.id);
    if (rows) measures.push(summedMeasure(s, rows, contacts, ctx));
  }
  numberSessions(measures);
  const verdict: ChartVerdict = outcome ? {
    finishedCourse: outcome.finishedCourse, exclusion: outcome.exclusion, treatmentAppointments: outcome.treatmentAppointments,
    presentingComplaint: outcome.presentingComplaint, anxietyMeasure: outcome.anxietyMeasure, caseness: outcome.caseness,
    recovery: outcome.recovery, reliableImprovement: outcome.reliableImprovement, reliableDeterioration: outcome.reliableDeterioration,
    noReliableChange: outcome.noReliableChange, reliableRecovery: outcome.reliableRecovery, notes: outcome.notes,
  } : {
    finishedCourse: false, exclusion: 'no referral row', treatmentAppointments: 0, presentingComplaint: '', anxietyMeasure: '',
    caseness: null, recovery: null, reliableImprovement: null, reliableDeterioration: null, noReliableChange: null, reliableRecovery: null, notes: [],
  };
  return {
    pathwayId: pw.pathwayId,
    participantId: pw.participantId ?? (view.facts.participantId || null),
    layout: pw.layout,
    referralDate: view.facts.referralDate,
    dischargeDate: view.facts.dischargeDate,
    verdict, measures, notes,
  };
}

function push<T>(map: Map<string, T[]>, key: string, v: T): void {
  const list = map.get(key);
  if (list) list.push(v); else map.set(key, [v]);
}

function fieldsOf(r: LinkedRecord): string[] { return Object.values(r.fields); }

/** CareContactId → date, time, AppType, attendance as written; CareActId → CareContactId (for display only). */
function contactLookup(pw: LinkedPathway, ctx: Ctx): { contact(contactId: string): ContactInfo | undefined; ofActivity(actId: string): string } {
  const byContact = new Map<string, ContactInfo>();
  const byActivity = new Map<string, string>();
  for (const [tableId, records] of Object.entries(pw.tables)) {
    const role = tableRole(tableId);
    if (role !== 'contacts' && role !== 'activities') continue;
    for (const r of records) {
      const c = ctx.columns(Object.keys(r.fields));
      const f = fieldsOf(r);
      const id = cell(f, c.find(...COL.contact));
      if (!id) continue;
      const act = cell(f, c.find(...COL.activity));
      if (act && (r.kept || !byActivity.has(act))) byActivity.set(act, id);
      if (role !== 'contacts') continue;
      const prev = byContact.get(id);
      if (prev?.kept && !r.kept) continue;
      const d = parseDateTime(cell(f, c.find(...COL.contactDate)));
      byContact.set(id, {
        date: d?.date ?? '', time: d?.time || cell(f, c.find(...COL.contactTime)),
        appType: cell(f, c.find(...COL.appType)), attend: cell(f, c.find(...COL.attend)), kept: r.kept,
      });
    }
  }
  return { contact: (id) => byContact.get(id), ofActivity: (act) => byActivity.get(act) ?? '' };
}

type Lookup = ReturnType<typeof contactLookup>;

/** Where and when a score row was recorded, as written (contact-level rows through their care contact). */
function placeOf(r: LinkedRecord, contacts: Lookup, ctx: Ctx): { contactId: string; info?: ContactInfo; date: string; time: string } {
  const c = ctx.columns(Object.keys(r.fields));
  const f = fieldsOf(r);
  const act = cell(f, c.find(...COL.activity));
  const contactId = cell(f, c.find(...COL.contact)) || (act ? contacts.ofActivity(act) : '');
  if (act || contactId) {
    const info = contactId ? contacts.contact(contactId) : undefined;
    return { contactId: contactId || `activity ${act}`, info, date: info?.date ?? '', time: info?.time ?? '' };
  }
  const d = parseDateTime(cell(f, c.find(...COL.scoreDate)));
  return { contactId: '', date: d?.date ?? '', time: d?.time ?? '' };
}

function describeContact(info: ContactInfo | undefined, ctx: Ctx): Pick<ChartPoint, 'appType' | 'appTypeLabel' | 'attend' | 'attendLabel'> {
  if (!info) return { appType: '', appTypeLabel: '', attend: '', attendLabel: '' };
  const label = (column: string, v: string) => (v ? ctx.dict.decode(column, v, 'IDS201').meaning ?? 'unknown code' : '');
  return { appType: info.appType, appTypeLabel: label('AppType', info.appType), attend: info.attend, attendLabel: label('AttendOrDNACode', info.attend) };
}

/** The engine's reason in words for the chart (a superseded UK LLC row also says which extract replaced it). */
function reasonText(e: ScoreExplanation | undefined, r: LinkedRecord): string {
  if (!e) return 'not read by the outcome engine';
  const reason = e.reason ?? 'not used';
  if (reason === 'superseded extract' && r.supersededReason) return `superseded extract: ${r.supersededReason}`;
  if (reason === 'not numeric' || reason === 'not an integer' || reason === 'out of range') return `score ${reason}`;
  if (reason === 'duplicate') return 'duplicate of another score at the same occasion';
  return reason;
}

function scorePoint(r: LinkedRecord, code: string, view: EngineView, contacts: Lookup, ctx: Ctx): ChartPoint {
  const c = ctx.columns(Object.keys(r.fields));
  const raw = cell(fieldsOf(r), c.find(...COL.score));
  const n = Number(raw);
  const value = raw !== '' && Number.isFinite(n) ? n : null;
  const e = view.decisions.get(r);
  const used = e !== undefined && e.decision !== 'not used';
  const place = placeOf(r, contacts, ctx);
  const sev = ctx.severity.forTool(code);
  const band = value !== null && sev ? bandFor(sev, value)?.label ?? null : null;
  return {
    session: null,
    // a used score sits where the engine put it (its own date and time); the others where the row says
    date: used ? e.date : place.date,
    time: used ? e.time : place.time,
    ...describeContact(place.info, ctx),
    shape: shapeFor(ctx.config, place.contactId ? place.info?.appType ?? '?' : ''),
    raw, value, band, used,
    first: e?.decision === 'first',
    last: e?.decision === 'last',
    reason: used ? null : reasonText(e, r),
    outOfRange: e?.reason === 'out of range',
    contactId: place.contactId, file: r.file, line: r.line,
  };
}

const byTime = (a: ChartPoint, b: ChartPoint) =>
  (a.date || '9999').localeCompare(b.date || '9999') || a.time.localeCompare(b.time) || a.file.localeCompare(b.file) || a.line - b.line;

function outcomeMeasure(m: MeasureThresholds, points: ChartPoint[], view: EngineView, ctx: Ctx): ChartMeasure {
  points.sort(byTime);
  const series = view.series.get(m.id);
  const anxiety = view.outcome?.anxietyMeasure ?? '';
  const verdictMeasure = m.id === ctx.thresholds.depression.id || m.id === anxiety;
  const notes: string[] = [];
  if (!series) notes.push('The engine used none of these scores.');
  else if (!series.paired) notes.push(`unpaired: the engine has scores from one occasion only (first ${series.first.raw}, no last score)`);
  if (!verdictMeasure && view.outcome) notes.push(`Not used for the verdict: the anxiety measure of this pathway is ${anxiety}.`);
  if (!ctx.thresholds.usable(m)) notes.push(`${m.id} has no known caseness or reliable-change value.`);
  const first = series?.first.value;
  return {
    id: m.id, name: m.id, min: m.min, max: m.max,
    caseness: m.caseness ? { comparison: m.caseness.comparison, value: m.caseness.value } : null,
    reliableChange: m.reliableChange,
    verdictMeasure, kind: 'outcome', paired: Boolean(series?.paired),
    changeBand: first !== undefined && m.reliableChange !== null ? { low: first - m.reliableChange, high: first + m.reliableChange, around: first } : null,
    points, notes,
  };
}

/** A measure drawn as the total of its item scores per occasion (WSAS): context only, never used for outcomes. */
function summedMeasure(s: SummedMeasure, rows: LinkedRecord[], contacts: Lookup, ctx: Ctx): ChartMeasure {
  const occasions = new Map<string, { place: ReturnType<typeof placeOf>; items: Map<string, string>; file: string; line: number }>();
  let superseded = 0;
  for (const r of rows) {
    if (!r.kept) { superseded++; continue; }
    const c = ctx.columns(Object.keys(r.fields));
    const f = fieldsOf(r);
    const place = placeOf(r, contacts, ctx);
    const key = place.contactId ? `c:${place.contactId}` : `d:${place.date}T${place.time}`;
    let o = occasions.get(key);
    if (!o) occasions.set(key, (o = { place, items: new Map(), file: r.file, line: r.line }));
    o.items.set(cell(f, c.find(...COL.tool)), cell(f, c.find(...COL.score)));
  }
  const points: ChartPoint[] = [];
  for (const o of occasions.values()) {
    const values = s.items.map((code) => o.items.get(code));
    const complete = values.every((v) => v !== undefined && v !== '' && Number.isFinite(Number(v)));
    const total = complete ? values.reduce((sum, v) => sum + Number(v), 0) : null;
    const outOfRange = total !== null && (total < s.min || total > s.max);
    points.push({
      session: null, date: o.place.date, time: o.place.time, ...describeContact(o.place.info, ctx),
      shape: shapeFor(ctx.config, o.place.contactId ? o.place.info?.appType ?? '?' : ''),
      raw: complete ? String(total) : s.items.map((code) => o.items.get(code) ?? '–').join('+'),
      value: total,
      band: total !== null ? s.bands.find((b) => total >= b.min && total <= b.max)?.label ?? null : null,
      used: false, first: false, last: false,
      reason: complete ? (outOfRange ? `total outside ${s.min}-${s.max}` : `${s.id} is not an outcome measure`) : `partial: ${values.filter((v) => v !== undefined).length} of ${s.items.length} items (or an item not numeric)`,
      outOfRange, contactId: o.place.contactId, file: o.file, line: o.line,
    });
  }
  points.sort(byTime);
  const notes = [s.note ?? `${s.id} is not an outcome measure.`];
  if (superseded) notes.push(`${superseded} item row${superseded === 1 ? '' : 's'} of superseded UK LLC extracts not summed`);
  return {
    id: s.id, name: s.name, min: s.min, max: s.max, caseness: null, reliableChange: null,
    verdictMeasure: false, kind: 'context', paired: false, changeBand: null, points, notes,
  };
}

/** Session number = position of the scoring occasion (care contact, or date and time) among the pathway's dated occasions. */
function numberSessions(measures: ChartMeasure[]): void {
  const key = (p: ChartPoint) => (p.contactId ? `c:${p.contactId}` : `d:${p.date}T${p.time}`);
  const occasions = new Map<string, { date: string; time: string }>();
  for (const m of measures) for (const p of m.points) if (p.date && !occasions.has(key(p))) occasions.set(key(p), { date: p.date, time: p.time });
  const order = [...occasions].sort((a, b) => a[1].date.localeCompare(b[1].date) || a[1].time.localeCompare(b[1].time) || a[0].localeCompare(b[0]));
  const rank = new Map(order.map(([k], i) => [k, i + 1]));
  for (const m of measures) for (const p of m.points) p.session = p.date ? rank.get(key(p)) ?? null : null;
}
