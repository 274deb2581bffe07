// Simulates people and their pathways: referral -> assessment -> stepped care (low then high intensity) -> discharge,
// with DNAs, cancellations, dropout, follow-ups and score trajectories. All randomness comes from the given Prng.
import type { Prng } from './prng';
import type { ComplaintProfile, SynthProfile } from './profile';
import { dayOf } from './dates';
import type { CareContact, Pathway, Person, PresentingComplaintRecord, ScoreRecord } from './model';
import { IdFactory } from './model';

const PENDING = 'pending-revision';
const ONWARD_ORGS = ['RXXA1', 'RXXB2', 'RXXC3', 'RXXD4'];

interface MeasureState { measure: string; tool: string; u0: number; uEnd: number }
type ScoringPolicy = 'full' | 'firstOnly' | 'none';

export class Simulator {
  private readonly start: number;
  private readonly end: number;
  private readonly cutoff: number;
  private readonly v21From: number;
  private readonly complaintWeights: number[];
  private readonly codedComplaints: ComplaintProfile[];

  constructor(private readonly profile: SynthProfile, private readonly rng: Prng, private readonly ids = new IdFactory()) {
    this.start = dayOf(profile.window.referralStart);
    this.end = dayOf(profile.window.referralEnd);
    this.cutoff = dayOf(profile.window.dataCutoff);
    this.v21From = dayOf(profile.codes.v21From);
    this.complaintWeights = profile.complaints.list.map((c) => c.share);
    this.codedComplaints = profile.complaints.list.filter((c) => c.codes.length > 0);
  }

  /** True when the contact's day falls in the v2.1 period (ConsMechanism instead of ConsMediumUsed). */
  isV21(day: number): boolean {
    return day >= this.v21From;
  }

  /** One person with 1..maxPathways referrals over the window. */
  person(maxPathways: number): Person {
    const { rng, profile } = this;
    const p = profile.people;
    const age = Math.max(p.ageMin, Math.min(p.ageMax, Math.round(rng.normal(p.ageMean, p.ageSd))));
    const firstDay = rng.int(this.start, this.end);
    const person: Person = {
      localPatientId: this.ids.next('LP'),
      personId: this.ids.next('P'),
      cohortKey: this.ids.next('CK'),
      birthDay: firstDay - Math.round(age * 365.25) - rng.int(0, 364),
      gender: rng.weightedKey(p.genderWeights),
      ethnic: rng.weightedKey(p.ethnicWeights),
      careCluster: null,
      pathways: [],
    };
    const wanted = Math.min(maxPathways, rng.weightedIndex(p.referralsPerPersonWeights) + 1);
    let day = firstDay;
    for (let i = 0; i < wanted; i++) {
      const pathway = this.pathway(day);
      person.pathways.push(pathway);
      if (pathway.dischargeDay === null) break;
      const lastDay = Math.max(pathway.dischargeDay, ...pathway.contacts.map((c) => c.day));
      day = lastDay + rng.int(p.reReferralGapDays[0], p.reReferralGapDays[1]);
      if (day > this.end) break;
    }
    if (rng.chance(p.careClusterShare)) {
      const startDay = person.pathways[0].referralDay + rng.int(0, 30);
      if (startDay <= this.cutoff) {
        const endDay = startDay + rng.int(30, 365);
        person.careCluster = { code: rng.weightedKey(profile.codes.careCluster), startDay, endDay: endDay <= this.cutoff ? endDay : null };
      }
    }
    return person;
  }

  private pathway(referralDay: number): Pathway {
    const { rng, profile } = this;
    const ref = profile.referral;
    const complaint = profile.complaints.list[rng.weightedIndex(this.complaintWeights)];
    const pathway: Pathway = {
      pathwayId: this.ids.next('PW'),
      serviceRequestId: this.ids.next('SR'),
      referralDay,
      sourceOfReferral: rng.weightedKey(ref.sourceOfReferralWeights),
      dischargeDay: null,
      endCode: null,
      complaintId: complaint.id,
      complaints: [],
      adsm: null,
      contacts: [],
      referralAssessments: [],
      employment: [],
      iet: null,
      ltc: rng.chance(ref.ltcShare) ? rng.weightedKey(profile.codes.longTermCondition) : null,
      onward: null,
      pauses: [],
    };
    const route = rng.weightedKey(ref.routeWeights);
    const s = rng.next();
    const policy: ScoringPolicy = s < profile.scoring.noScoresShare ? 'none'
      : s < profile.scoring.noScoresShare + profile.scoring.firstOnlyShare ? 'firstOnly' : 'full';
    const traj = this.trajectory(complaint);
    let scored = false;
    let adsmFrom = Infinity;
    let sessionsDone = 0;
    let plannedSessions = 1;
    let pending: PresentingComplaintRecord | null = null;

    const scoreContact = (contact: CareContact, post: boolean): void => {
      if (policy === 'none' || (policy === 'firstOnly' && scored)) return;
      const t = post ? 1 : Math.min(1, sessionsDone / plannedSessions);
      const scores: ScoreRecord[] = [];
      for (const m of traj) {
        if (m.measure === 'ADSM' && contact.day < adsmFrom) continue;
        if (scored && !rng.chance(profile.scoring.completionPerAttendedContact)) continue;
        scores.push({ tool: m.tool, score: this.valueAt(m, t, !scored) });
      }
      if (rng.chance(profile.wsas.recordedShare)) {
        const w = profile.wsas;
        const gain = Math.max(0, traj[0].u0 - traj[0].uEnd) / Math.max(traj[0].u0, 0.05);
        const base = rng.normal(w.baselineMean, w.baselineSd) * (1 - t * gain);
        for (const item of w.items) {
          const v = Math.round(Math.max(w.min, Math.min(w.max, base + rng.normal(0, 1))));
          scores.push({ tool: item, score: String(v) });
        }
      }
      if (scores.length > 0) {
        contact.activities[0].scores.push(...scores);
        scored = true;
      }
    };

    // optional referral-level screening (IDS606), before any contact
    if (route !== 'not_seen' && policy !== 'none' && rng.chance(profile.scoring.referralLevelScreeningShare)) {
      const minutes = rng.int(7 * 60, 22 * 60);
      for (const m of traj) {
        if (m.measure === 'ADSM') continue;
        pathway.referralAssessments.push({ day: referralDay, minutes, tool: m.tool, score: this.valueAt(m, 0, true) });
      }
      scored = true;
    }

    let day = referralDay + rng.int(ref.daysToAssessment[0], ref.daysToAssessment[1]);
    let open = false;
    if (route === 'not_seen') {
      if (rng.chance(0.5) && day <= this.cutoff) this.appointment(pathway, day, '01', ['3', '2', '7']);
      day += rng.int(14, 60);
      pathway.endCode = rng.weightedKey(ref.notSeenEndCodes);
    } else {
      const isAT = route === 'treated' && rng.chance(ref.assessmentAndTreatmentShare);
      const assessment = this.attendUntilSeen(pathway, day, isAT ? '03' : '01');
      if (assessment === 'cutoff') open = true;
      else if (assessment === null) {
        pathway.endCode = '16';
        day = pathway.contacts[pathway.contacts.length - 1].day + rng.int(7, 30);
      } else {
        day = assessment.day;
        this.recordComplaints(pathway, complaint, day);
        pending = pathway.complaints.find((c) => c.uniqueId === PENDING) ?? null;
        adsmFrom = complaint.adsm && !pending ? day : Infinity;
        if (isAT) sessionsDone = 1;
        pathway.employment.push({ day, status: rng.weightedKey(profile.codes.employmentStatus) });
        if (route === 'assessed_only') {
          scoreContact(assessment, false);
          day += rng.int(0, 30);
          pathway.endCode = rng.weightedKey(ref.assessedOnlyEndCodes);
        } else {
          const hiOnly = rng.chance(ref.highIntensityOnlyShare);
          const li = hiOnly ? 0 : rng.int(ref.lowIntensitySessions[0], ref.lowIntensitySessions[1]);
          const hi = hiOnly || rng.chance(ref.stepUpShare) ? rng.int(ref.highIntensitySessions[0], ref.highIntensitySessions[1]) : 0;
          plannedSessions = Math.max(1, li + hi);
          scoreContact(assessment, false);
          if (rng.chance(ref.pauseShare)) {
            const startDay = day + rng.int(1, 10);
            const endDay = startDay + rng.int(7, 28);
            if (endDay <= this.cutoff) pathway.pauses.push({ id: this.ids.next('PZ'), startDay, endDay });
          }
          day += rng.int(ref.daysAssessmentToTreatment[0], ref.daysAssessmentToTreatment[1]) + (pathway.pauses.length ? 28 : 0);
          let dropped = false;
          let misses = 0;
          let firstLi = -1;
          let lastLi = -1;
          while (sessionsDone < plannedSessions) {
            if (day > this.cutoff) { open = true; break; }
            const appType = sessionsDone > 0 && rng.chance(ref.reviewShare) ? '05' : '02';
            const contact = this.appointment(pathway, day, appType, null);
            if (contact.activities.length === 0) {
              if (++misses >= 3) { dropped = true; break; }
              day += rng.int(3, 10);
              continue;
            }
            misses = 0;
            sessionsDone++;
            const isLi = sessionsDone <= li;
            contact.activities[0].therapy = rng.weightedKey(isLi ? profile.codes.lowIntensityTherapy : profile.codes.highIntensityTherapy);
            if (isLi) { if (firstLi < 0) firstLi = day; lastLi = day; }
            if (pending) {
              pending.uniqueId = this.ids.next('PC');
              pending.day = day;
              adsmFrom = complaint.adsm ? day : Infinity;
              pending = null;
            }
            scoreContact(contact, false);
            if (sessionsDone < plannedSessions && rng.chance(ref.dropoutHazardPerSession)) { dropped = true; break; }
            day += rng.int(ref.daysBetweenSessions[0], ref.daysBetweenSessions[1]);
          }
          if (!open) {
            day = pathway.contacts[pathway.contacts.length - 1].day + rng.int(ref.daysLastSessionToDischarge[0], ref.daysLastSessionToDischarge[1]);
            pathway.endCode = rng.weightedKey(dropped ? ref.droppedOutEndCodes : ref.completedEndCodes);
            if (firstLi >= 0 && rng.chance(ref.ietShare)) {
              pathway.iet = { startDay: firstLi, endDay: lastLi, programme: rng.weightedKey(profile.codes.ietProgramme), minutes: rng.int(60, 600), carePerson: this.carePerson() };
            }
          }
        }
      }
    }
    const stale = pathway.complaints.findIndex((c) => c.uniqueId === PENDING);
    if (stale >= 0) {
      // the revision never happened: the assessment-time complaint (F411, GAD-7) stays the pathway's complaint
      pathway.complaints.splice(stale, 1);
      pathway.adsm = null;
    }
    if (open || day > this.cutoff) {
      pathway.endCode = null;
      return pathway;
    }
    pathway.dischargeDay = day;
    if (pathway.endCode === '13' && rng.chance(ref.onwardReferralShareOfEndCode13)) {
      pathway.onward = { day, minutes: rng.int(9 * 60, 17 * 60), org: rng.pick(ONWARD_ORGS) };
    }
    const treated = pathway.contacts.some((c) => c.activities.length > 0 && c.appType !== '01');
    if (treated && pathway.employment.length > 0) {
      const last = pathway.employment[0].status;
      pathway.employment.push({ day, status: rng.chance(0.9) ? last : rng.weightedKey(profile.codes.employmentStatus) });
    }
    if (treated && pathway.endCode === '46' && rng.chance(profile.codes.peqShare) && policy !== 'none') {
      const minutes = rng.int(9 * 60, 17 * 60);
      for (const tool of profile.codes.peqTreatment) pathway.referralAssessments.push({ day, minutes, tool, score: String(rng.weightedIndex([1, 1, 3, 8, 12])) });
    }
    if (treated && pathway.endCode === '46' && rng.chance(ref.followUpShare)) {
      const fday = day + rng.int(30, 90);
      if (fday <= this.cutoff) {
        const contact = this.appointment(pathway, fday, '06', ['5']);
        if (policy === 'full') {
          for (const m of traj) if (m.measure !== 'ADSM' || fday >= adsmFrom) contact.activities[0].scores.push({ tool: m.tool, score: this.valueAt(m, 1, false) });
        }
      }
    }
    return pathway;
  }

  private trajectory(complaint: ComplaintProfile): MeasureState[] {
    const { rng, profile } = this;
    const tr = profile.trajectory;
    const rho = Math.sqrt(tr.severityCorrelation);
    const rest = Math.sqrt(1 - tr.severityCorrelation);
    const s = rng.normal();
    const latent = [s * rho + rng.normal() * rest, s * rho + rng.normal() * rest];
    latent.push(latent[1] * 0.8 + rng.normal() * 0.6);
    const responder = rng.chance(tr.responderShare);
    const response = complaint.responseShift + (responder ? rng.normal(tr.responderMean, tr.responderSd) : rng.normal(tr.nonResponderMean, tr.nonResponderSd));
    const names: [string, string][] = [['PHQ-9', 'PHQ-9'], ['GAD-7', 'GAD-7']];
    if (complaint.adsm) names.push(['ADSM', complaint.adsm]);
    return names.map(([role, name], i) => {
      const m = profile.measures[name as keyof typeof profile.measures]!;
      const u0 = clamp01((m.baselineMean + m.baselineSd * latent[i] - m.min) / (m.max - m.min));
      const r = response + rng.normal(0, tr.measureResponseSd);
      return { measure: role, tool: m.snomed, u0, uEnd: clamp01(u0 * (1 - r) + rng.normal(0, tr.endNoiseSd)) };
    });
  }

  /** Score text for progress t (0 = start, 1 = planned end); exact baseline when first. */
  private valueAt(state: MeasureState, t: number, first: boolean): string {
    const tr = this.profile.trajectory;
    const name = state.measure === 'ADSM' ? this.measureNameByTool(state.tool) : state.measure;
    const m = this.profile.measures[name as keyof typeof this.profile.measures]!;
    const u = first ? state.u0 : clamp01(state.u0 + (state.uEnd - state.u0) * Math.pow(t, tr.progressExponent) + this.rng.normal(0, tr.sessionNoiseSd));
    const v = m.min + u * (m.max - m.min);
    // decimal measures (MI mean item score): up to `decimals` places, written without trailing zeros (3.3, not 3.30)
    const scale = 10 ** m.decimals;
    return String(Math.round(v * scale) / scale);
  }

  private measureNameByTool(tool: string): string {
    for (const [name, m] of Object.entries(this.profile.measures)) if (m && m.snomed === tool) return name;
    throw new Error(`synth: no measure with tool ${tool}`);
  }

  private recordComplaints(pathway: Pathway, complaint: ComplaintProfile, day: number): void {
    const { rng, profile } = this;
    if (complaint.codes.length === 0) return;
    const revise = complaint.id !== 'gad' && rng.chance(profile.revisedComplaintShare.value);
    if (revise) {
      pathway.complaints.push({ uniqueId: this.ids.next('PC'), code: 'F411', scheme: '01', significance: '1', day });
      pathway.complaints.push({ uniqueId: PENDING, code: rng.pick(complaint.codes), scheme: complaint.scheme, significance: '1', day });
    } else {
      pathway.complaints.push({ uniqueId: this.ids.next('PC'), code: rng.pick(complaint.codes), scheme: complaint.scheme, significance: '1', day });
    }
    if (rng.chance(profile.secondaryComplaintShare.value)) {
      const other = rng.pick(this.codedComplaints.filter((c) => c.id !== complaint.id));
      pathway.complaints.push({ uniqueId: this.ids.next('PC'), code: rng.pick(other.codes), scheme: other.scheme, significance: '2', day });
    }
    pathway.adsm = complaint.adsm;
  }

  /** Books appointments from `day` until one is attended (max 3 tries); null when never seen, 'cutoff' past the data cut-off. */
  private attendUntilSeen(pathway: Pathway, day: number, appType: string): CareContact | null | 'cutoff' {
    for (let tries = 0; tries < 3; tries++) {
      if (day > this.cutoff) return 'cutoff';
      const c = this.appointment(pathway, day, appType, tries === 2 ? ['5', '3'] : null);
      if (c.activities.length > 0) return c;
      day += this.rng.int(5, 14);
    }
    return null;
  }

  private appointment(pathway: Pathway, day: number, appType: string, attendChoices: string[] | null): CareContact {
    const { rng, profile } = this;
    const attend = attendChoices ? rng.pick(attendChoices) : rng.weightedKey(profile.attendance.weights);
    const media = this.isV21(day) ? profile.codes.consMechanism : profile.codes.consMediumUsed;
    const contact: CareContact = {
      id: this.ids.next('CC'),
      day,
      minutes: 8 * 60 + 30 * rng.int(0, 18),
      appType,
      attend,
      medium: rng.weightedKey(media),
      durationMinutes: attend === '5' || attend === '6' ? 30 + 5 * rng.int(0, 6) : 0,
      activities: [],
    };
    if (attend === '5' || attend === '6') {
      contact.activities.push({ id: this.ids.next('CA'), therapy: '', carePerson: this.carePerson(), minutes: contact.durationMinutes, scores: [] });
    }
    pathway.contacts.push(contact);
    return contact;
  }

  private carePerson(): string {
    return 'CP' + String(this.rng.int(1, 800)).padStart(5, '0');
  }
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
