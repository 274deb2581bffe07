// Turns simulated people into rows of every table, in the NHS layout (IDS tables) or the UK LLC layout
// (9 themed tables, one demographics row per pathway per overlapping extract period, event rows per extract).
import type { Dictionary } from '../dictionary';
import { dayOf, isoOf, lastDayOfMonth, timeOf, yearsBetween, ymd } from './dates';
import type { DefectPlanter, RowContext } from './defects';
import type { Pathway, Person } from './model';
import type { Prng } from './prng';
import type { SynthProfile } from './profile';
import type { CsvSink } from './sink';
import type { TableSpec } from './tables';
import { pathwayTruth, type PathwayTruth } from './truth';

type Row = Record<string, string>;

export interface Output {
  spec: TableSpec;
  sink: CsvSink;
}

const FLAG = (b: boolean | null): string => (b === null ? '' : b ? 'True' : 'False');
const NUM = (n: number | null): string => (n === null ? '' : String(n));
const CORRUPTIBLE = ['Recovery_Flag', 'ReliableImprovement_Flag', 'ReliableDeterioration_Flag', 'NoChange_Flag', 'PHQ9_FirstScore', 'PHQ9_LastScore'];

export interface ExtractPeriod { start: number; end: number }

/** UK LLC extract periods up to the data cut-off: each starts 1 April (the first on firstStart) and they overlap within a year. */
export function extractPeriods(profile: SynthProfile): ExtractPeriod[] {
  const first = dayOf(profile.ukllcExtracts.firstStart);
  const cutoff = dayOf(profile.window.dataCutoff);
  const periods: ExtractPeriod[] = [];
  const firstYmd = ymd(first);
  let fyStartYear = firstYmd.month >= 4 ? firstYmd.year : firstYmd.year - 1;
  for (;;) {
    const fyStart = fyStartYear === (firstYmd.month >= 4 ? firstYmd.year : firstYmd.year - 1) ? first : dayOf(`${fyStartYear}-04-01`);
    if (fyStart > cutoff) break;
    const ends = profile.ukllcExtracts.endMonths
      .map((m) => lastDayOfMonth(m >= 4 ? fyStartYear : fyStartYear + 1, m))
      .filter((end) => end >= fyStart && end <= cutoff)
      .sort((a, b) => a - b);
    for (const end of ends) periods.push({ start: fyStart, end });
    fyStartYear++;
  }
  return periods;
}

export class Emitter {
  private readonly out = new Map<string, Output>();
  private readonly periods: ExtractPeriod[];
  private readonly cutoff: number;
  private readonly v21From: number;

  constructor(
    private readonly layout: 'nhs' | 'ukllc',
    outputs: Output[],
    private readonly profile: SynthProfile,
    private readonly dict: Dictionary,
    private readonly planter: DefectPlanter,
    private readonly corruptRate: number,
    private readonly rng: Prng,
  ) {
    for (const o of outputs) this.out.set(o.spec.table, o);
    this.periods = extractPeriods(profile);
    this.cutoff = dayOf(profile.window.dataCutoff);
    this.v21From = dayOf(profile.codes.v21From);
  }

  /** Writes all rows of one person; returns the truth of each of their pathways. */
  person(person: Person): PathwayTruth[] {
    const truths: PathwayTruth[] = [];
    const participant = this.layout === 'nhs' ? person.personId : person.cohortKey;
    const base: Row = { LocalPatientId: person.localPatientId, Person_ID: person.personId, cohortkey_e: person.cohortKey };
    if (this.layout === 'nhs') {
      this.row('IDS001', { ...base, PersonBirthDate: isoOf(person.birthDay), Gender: person.gender, EthnicCategory: person.ethnic }, {});
    }
    if (person.careCluster) {
      const cc = person.careCluster;
      this.event(['IDS803', 'IAPT_care_cluster'], cc.startDay, { ...base, AMHCareClustCodeFin: cc.code, StartDateCareClust: isoOf(cc.startDay), EndDateCareClust: cc.endDay === null ? '' : isoOf(cc.endDay) }, {});
    }
    for (const p of person.pathways) {
      const detail = pathwayTruth(p, participant, this.profile);
      truths.push(detail.truth);
      const corrupt = this.chooseCorruption(detail.truth);
      const pb: Row = { ...base, ServiceRequestId: p.serviceRequestId, PathwayID: p.pathwayId };
      const ctx: RowContext = { pathwayId: p.pathwayId };
      if (this.layout === 'nhs') {
        this.row('IDS101', { ...pb, ...this.referralFields(person, p, null, corrupt) }, corrupt ? { ...ctx, corrupted: corrupt } : ctx);
      } else {
        for (const e of this.periods) {
          const spanEnd = p.dischargeDay ?? this.cutoff;
          const lastEvent = Math.max(spanEnd, ...p.contacts.map((c) => c.day));
          if (e.end < p.referralDay || e.start > lastEvent) continue;
          const closed = p.dischargeDay !== null && p.dischargeDay <= e.end;
          const c = closed ? corrupt : null;
          this.write('IAPT_demographics_and_referral', { ...pb, ...this.period(e), Gender: person.gender, EthnicCategory: person.ethnic, ...this.referralFields(person, p, e.end, c) }, c ? { ...ctx, corrupted: c } : ctx);
        }
      }
      for (const pc of p.complaints) {
        this.event(['IDS603', 'IAPT_mental_and_physical_health_conditions'], pc.day, { ...pb, UniqueID_IDS603: pc.uniqueId, FindSchemeInUse: pc.scheme, PresComp: pc.code, PresCompCodSig: pc.significance, PresCompDate: isoOf(pc.day) }, ctx);
      }
      if (p.ltc) this.event(['IDS602', 'IAPT_mental_and_physical_health_conditions'], p.referralDay, { ...pb, FindSchemeInUse: '04', LongTermCondition: p.ltc }, ctx);
      for (const r of p.referralAssessments) {
        this.event(['IDS606', 'IAPT_coded_scored_assessments'], r.day, { ...pb, CodedAssToolType: r.tool, PersScore: r.score, AssToolCompDate: isoOf(r.day), AssToolCompTime: timeOf(r.minutes) }, ctx);
      }
      for (const c of p.contacts) {
        const contact: Row = {
          ...pb, CareContactId: c.id, CareContDate: isoOf(c.day), CareContTime: timeOf(c.minutes), AppType: c.appType, AttendOrDNACode: c.attend,
          ConsMediumUsed: c.day < this.v21From ? c.medium : '', ConsMechanism: c.day >= this.v21From ? c.medium : '',
          ClinContDurOfCareCont: c.durationMinutes ? String(c.durationMinutes) : '',
        };
        if (this.layout === 'nhs') this.row('IDS201', contact, ctx);
        else if (c.activities.length === 0) this.event(['', 'IAPT_care_activities'], c.day, contact, ctx);
        for (const a of c.activities) {
          const act: Row = { ...contact, CareActId: a.id, CarePersLocalId: a.carePerson, ClinContactDurOfCareAct: String(a.minutes), CodeProcAndProcStatus: a.therapy };
          this.event(['IDS202', 'IAPT_care_activities'], c.day, act, ctx);
          for (const s of a.scores) {
            this.event(['IDS607', 'IAPT_coded_scored_assessments'], c.day, { ...pb, CareActId: a.id, CodedAssToolType: s.tool, PersScore: s.score, AssToolCompDate: isoOf(c.day), AssToolCompTime: timeOf(c.minutes) }, ctx);
          }
        }
      }
      for (const e of p.employment) this.event(['IDS004', 'IAPT_employment_status'], e.day, { ...base, EmployStatus: e.status, EmployStatusRecDate: isoOf(e.day) }, {});
      if (p.onward) {
        this.event(['IDS105', 'IAPT_onward_referrals'], p.onward.day, { ...pb, OnwardReferDate: isoOf(p.onward.day), OnwardReferTime: timeOf(p.onward.minutes), OnwardReferReason: '', OrgIDReceiving: p.onward.org }, ctx);
      }
      for (const z of p.pauses) {
        this.event(['IDS108', 'IAPT_waiting_time_pauses'], z.startDay, { ...pb, PauseID: z.id, PauseStartDate: isoOf(z.startDay), PauseEndDate: isoOf(z.endDay), PauseReason: '' }, ctx);
      }
      if (p.iet) {
        const t = p.iet;
        this.event(['IDS205', 'IAPT_internet_enabled_therapies'], t.startDay, { ...pb, StartDateIntEnabledTherLog: isoOf(t.startDay), EndDateIntEnabledTherLog: isoOf(t.endDay), IntEnabledTherProg: t.programme, DurationIntEnabledTher: String(t.minutes), CarePersLocalId: t.carePerson }, ctx);
      }
    }
    return truths;
  }

  /** IDS101 fields (submitted and NHS derived) as they stood at `asOf` (null = the whole pathway). */
  private referralFields(person: Person, p: Pathway, asOf: number | null, corrupt: { key: string; value: string } | null): Row {
    const { truth, gad, adsm, adsmLabelMeasure } = pathwayTruth(p, '', this.profile, asOf);
    const discharged = truth.discharge_date !== null;
    const attended = p.contacts.filter((c) => (c.attend === '5' || c.attend === '6') && (asOf === null || c.day <= asOf)).length;
    const adsmTool = adsmLabelMeasure ? this.profile.measures[adsmLabelMeasure as keyof SynthProfile['measures']]?.snomed : undefined;
    const row: Row = {
      ReferralRequestReceivedDate: truth.referral_date,
      // the data-set version of the referral's date: v2.0 names its source SourceOfReferralMH, v2.1 SourceOfReferralIAPT
      SourceOfReferralMH: p.referralDay < this.v21From ? p.sourceOfReferral : '',
      SourceOfReferralIAPT: p.referralDay >= this.v21From ? p.sourceOfReferral : '',
      ServDischDate: truth.discharge_date ?? '',
      EndCode: discharged ? p.endCode ?? '' : '',
      Age_ReferralRequest_ReceivedDate: String(yearsBetween(person.birthDay, p.referralDay)),
      CareContact_Count: String(attended),
      TreatmentCareContact_Count: String(truth.treatment_appointments),
      CompletedTreatment_Flag: FLAG(truth.finished_course),
      PHQ9_FirstScore: NUM(truth.phq9_first),
      PHQ9_LastScore: NUM(truth.phq9_last),
      GAD_FirstScore: NUM(gad.first),
      GAD_LastScore: NUM(gad.last),
      ADSM: adsmTool ? this.dict.assessment(adsmTool)?.adsmLabel ?? '' : '',
      ADSM_FirstScore: adsmTool && adsm ? NUM(adsm.first) : '',
      ADSM_LastScore: adsmTool && adsm ? NUM(adsm.last) : '',
      Caseness_Flag: truth.finished_course ? FLAG(truth.caseness === true) : '',
      NotCaseness_Flag: truth.finished_course ? FLAG(truth.caseness === false) : '',
      Recovery_Flag: FLAG(truth.recovery),
      ReliableImprovement_Flag: FLAG(truth.reliable_improvement),
      ReliableDeterioration_Flag: FLAG(truth.reliable_deterioration),
      NoChange_Flag: FLAG(truth.no_reliable_change),
    };
    if (corrupt) row[corrupt.key] = corrupt.value;
    return row;
  }

  /** For a share of finished pathways, one derived field written wrongly (same wrong value in every row). */
  private chooseCorruption(t: PathwayTruth): ({ key: string; value: string; detail: string }) | null {
    if (this.corruptRate <= 0 || !t.finished_course || !this.rng.chance(this.corruptRate)) return null;
    const key = this.rng.pick(CORRUPTIBLE.filter((k) => !k.includes('Score') || (k.includes('First') ? t.phq9_first : t.phq9_last) !== null));
    if (key.endsWith('_Flag')) {
      const truthKey = { Recovery_Flag: 'recovery', ReliableImprovement_Flag: 'reliable_improvement', ReliableDeterioration_Flag: 'reliable_deterioration', NoChange_Flag: 'no_reliable_change' }[key] as keyof PathwayTruth;
      const value = t[truthKey] ? 'False' : 'True';
      return { key, value, detail: `${key} written ${value}, truth ${t[truthKey] ? 'True' : 'False'}` };
    }
    const current = (key === 'PHQ9_FirstScore' ? t.phq9_first : t.phq9_last)!;
    const value = String(current >= 3 ? current - 3 : current + 3);
    return { key, value, detail: `${key} written ${value}, truth ${current}` };
  }

  private period(e: ExtractPeriod): Row {
    return { extract_start_date: isoOf(e.start), extract_end_date: isoOf(e.end) };
  }

  /**
   * An event row: once in the NHS layout, once per containing extract period in the UK LLC layout. A share of the
   * events (profile ukllcExtracts.revisedShare, chosen by a hash of the event so the random stream is untouched)
   * appear in the earlier extracts of their year with a value the latest extract corrects (see `earlierVersion`).
   */
  private event(tables: [string, string], day: number, row: Row, ctx: RowContext): void {
    if (this.layout === 'nhs') {
      if (tables[0]) this.row(tables[0], row, ctx);
      return;
    }
    const containing = this.periods.filter((e) => day >= e.start && day <= e.end);
    const latest = Math.max(...containing.map((e) => e.end));
    const revised = containing.length > 1 && revisedEvent(row, day, this.profile.ukllcExtracts.revisedShare);
    for (const e of containing) {
      const version = revised && e.end !== latest ? this.earlierVersion(row, day, e) : row;
      this.write(tables[1], { ...version, ...this.period(e) }, ctx);
    }
  }

  /**
   * The row as an earlier extract had it: a score 3 points off (within its range; integer measures), a contact that
   * the latest extract records as not attended shown as attended, an attended contact's date 2 days earlier.
   */
  private earlierVersion(row: Row, day: number, e: ExtractPeriod): Row {
    if (row.PersScore !== undefined) {
      const m = Object.values(this.profile.measures).find((x) => x?.snomed === row.CodedAssToolType);
      const v = Number(row.PersScore);
      if (!m || !/^\d+$/.test(row.PersScore)) return row;
      const alt = v + 3 <= m.max ? v + 3 : v - 3;
      return alt >= m.min ? { ...row, PersScore: String(alt) } : row;
    }
    if (row.AttendOrDNACode !== undefined) {
      if (row.AttendOrDNACode !== '5' && row.AttendOrDNACode !== '6') return { ...row, AttendOrDNACode: '5' };
      return day - 2 >= e.start ? { ...row, CareContDate: isoOf(day - 2) } : row;
    }
    return row;
  }

  private row(table: string, row: Row, ctx: RowContext): void {
    this.write(table, row, ctx);
  }

  private write(table: string, row: Row, ctx: RowContext): void {
    const o = this.out.get(table);
    if (!o) throw new Error(`synth: no output for table ${table}`);
    this.planter.write(o.sink, o.spec, row, ctx);
  }
}

/** Whether an event is revised between extracts: a hash of its identity (pathway, contact, tool, day) below `share`. */
function revisedEvent(row: Row, day: number, share: number): boolean {
  if (share <= 0) return false;
  // a contact is revised alike in every one of its activity rows
  const act = row.AttendOrDNACode !== undefined ? '' : row.CareActId ?? '';
  const key = `${row.PathwayID}|${row.CareContactId ?? ''}|${row.CodedAssToolType ?? ''}|${act}|${day}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) { h ^= key.charCodeAt(i); h = Math.imul(h, 0x01000193); }
  return (h >>> 0) / 0x100000000 < share;
}
