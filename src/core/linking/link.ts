// Linking pass over the per-file indexes (in memory, no file read): which pathway or participant each record belongs
// to, or why it is unlinked. Pathways are defined by the referral table of their extract; child rows reach them by
// PathwayID, ServiceRequestId, or the CareContactId / CareActId chain (IDS202, IDS607 without a pathway column).
import { BLANK, MALFORMED, type FileIndex, type KeyKind, type KeySpace } from './scan';
import { Csr } from './store';

/** Link status of a record (low 3 bits of the status byte hold the index of the key kind concerned). */
export enum Status {
  Pathway = 0,
  Participant = 1,
  Blank = 2,
  Malformed = 3,
  UnknownPathway = 4,
  UnknownServiceRequest = 5,
  UnknownContact = 6,
  UnknownActivity = 7,
  UnknownParticipant = 8,
  /** attached by its pathway key, but its CareContactId / CareActId is in no contact / activity table */
  DanglingContact = 9,
  DanglingActivity = 10,
}

export const KINDS: KeyKind[] = ['pathway', 'serviceRequest', 'contact', 'activity', 'participant'];

export interface ScopeInput {
  scope: string;
  keys: KeySpace;
  /** true when some table links through contacts/activities only (chain ids were stored) */
  chains: boolean;
  files: FileIndex[];
}

/** The result of linking: global pathway and participant tables, and per record status + target. */
export interface Links {
  files: FileIndex[];
  /** global record ref = base[file] + row */
  base: Float64Array;
  /** per file: status byte per row (Status << 3 | kind index) */
  status: Uint8Array[];
  /** per file: pathway (Status.Pathway) or participant (otherwise, -1 when none) global index per row */
  target: Int32Array[];
  pathwayScope: string[];
  pathwayId: string[];
  pathwayParticipant: Int32Array;
  participantScope: string[];
  participantId: string[];
  byPathway: Csr;
  participantPathways: Csr;
  participantRecords: Csr;
  participantUnlinked: Csr;
  unlinked: Uint32Array;
}

export function linkScopes(scopes: readonly ScopeInput[]): Links {
  const files: FileIndex[] = [];
  const status: Uint8Array[] = [];
  const target: Int32Array[] = [];
  const pathwayScope: string[] = []; const pathwayId: string[] = []; const pathwayParticipantList: number[] = [];
  const participantScope: string[] = []; const participantId: string[] = [];

  for (const s of scopes) {
    const { keys } = s;
    // pathway ids may be interned while linking (a ServiceRequestId standing for a missing PathwayID): room for them
    const pwGlobal = new Int32Array(keys.pathway.size + keys.serviceRequest.size).fill(-1);
    const ptGlobal = new Int32Array(keys.participant.size).fill(-1);
    const srToPw = new Int32Array(keys.serviceRequest.size).fill(-1);
    const contactToPw = new Int32Array(s.chains ? keys.contact.size : 0).fill(-1);
    const activityToContact = new Int32Array(s.chains ? keys.activity.size : 0).fill(-1);
    const referralFiles = s.files.filter((f) => f.linking.referral);
    const open = referralFiles.length === 0; // no referral table: every pathway / participant named is taken as real

    const participant = (k: number, define: boolean): number => {
      if (ptGlobal[k] < 0 && define) {
        ptGlobal[k] = participantId.length;
        participantId.push(keys.participant.names[k]);
        participantScope.push(s.scope);
      }
      return ptGlobal[k];
    };
    const definePathway = (k: number, pt: number): number => {
      if (pwGlobal[k] < 0) {
        pwGlobal[k] = pathwayId.length;
        pathwayId.push(keys.pathway.names[k]);
        pathwayScope.push(s.scope);
        pathwayParticipantList.push(-1);
      }
      const g = pwGlobal[k];
      if (pathwayParticipantList[g] < 0 && pt >= 0) pathwayParticipantList[g] = pt;
      return g;
    };
    const ptOf = (f: FileIndex, i: number): number => {
      const k = f.keys.participant?.[i] ?? BLANK;
      return k >= 0 ? participant(k, open) : -1;
    };

    // 1. referral rows define pathways (id: PathwayID, else ServiceRequestId as the outcome engine does)
    for (const f of referralFiles) {
      const pw = f.keys.pathway; const sr = f.keys.serviceRequest; const pt = f.keys.participant;
      for (let i = 0; i < f.count; i++) {
        let k = pw ? pw[i] : BLANK;
        const srk = sr ? sr[i] : BLANK;
        if (k === BLANK && srk >= 0) k = keys.pathway.id(keys.serviceRequest.names[srk]);
        if (k < 0) continue;
        const ptk = pt ? pt[i] : BLANK;
        definePathway(k, ptk >= 0 ? participant(ptk, true) : -1);
        if (srk >= 0 && srToPw[srk] < 0) srToPw[srk] = k;
      }
    }
    const pathwayOf = (k: number): number => {
      if (pwGlobal[k] >= 0) return pwGlobal[k];
      if (!open) return -1;
      return definePathway(k, -1);
    };
    // resolves a row through its key kinds; returns the status byte and writes the target
    // per file, once: the key arrays to try in order (kind index into KINDS: 0 pathway, 1 service request,
    // 2 contact, 3 activity, 4 participant); contact/activity only when the scope stored the chains
    const plans = new Map<FileIndex, { kk: number; arr: Int32Array }[]>();
    const planOf = (f: FileIndex) => {
      let plan = plans.get(f);
      if (!plan) {
        plan = f.linking.order.filter((k) => (s.chains || (k !== 'contact' && k !== 'activity')) && f.keys[k] !== undefined)
          .map((k) => ({ kk: KINDS.indexOf(k), arr: f.keys[k] as Int32Array }));
        plans.set(f, plan);
      }
      return plan;
    };
    // resolves a row through its key kinds; returns the status byte and writes the target
    const resolve = (f: FileIndex, i: number, out: { target: number }): number => {
      let firstBlank = -1;
      const plan = planOf(f);
      for (let j = 0; j < plan.length; j++) {
        const kk = plan[j].kk;
        const v = plan[j].arr[i];
        if (v === BLANK) { if (firstBlank < 0) firstBlank = kk; continue; }
        if (v === MALFORMED) { out.target = ptOf(f, i); return (Status.Malformed << 3) | kk; }
        let g = -1; let miss = Status.UnknownPathway;
        if (kk === 0) g = pathwayOf(v);
        else if (kk === 1) {
          g = srToPw[v] >= 0 ? pathwayOf(srToPw[v]) : open ? pathwayOf(keys.pathway.id(keys.serviceRequest.names[v])) : -1;
          miss = Status.UnknownServiceRequest;
        } else if (kk === 2) { g = contactToPw[v]; miss = Status.UnknownContact; }
        else if (kk === 3) {
          const c = activityToContact[v];
          g = c >= 0 ? contactToPw[c] : -1;
          miss = Status.UnknownActivity;
        } else {
          // participant: a participant-level table (or a row whose pathway keys are all blank)
          if (firstBlank >= 0) break;
          const p = participant(v, open);
          out.target = p;
          return p >= 0 ? (Status.Participant << 3) | kk : (Status.UnknownParticipant << 3) | kk;
        }
        if (g >= 0) { out.target = g; return (Status.Pathway << 3) | kk; }
        out.target = ptOf(f, i);
        return (miss << 3) | kk;
      }
      out.target = ptOf(f, i);
      return (Status.Blank << 3) | Math.max(0, firstBlank);
    };

    // 2. chains: contact → pathway (contact tables), activity → contact (activity tables)
    const tmp = { target: -1 };
    if (s.chains) {
      for (const f of s.files) {
        if (!f.definedContact) continue;
        for (let i = 0; i < f.count; i++) {
          const c = f.definedContact[i];
          if (c < 0) continue;
          if (f.linking.definesContacts && contactToPw[c] < 0) {
            const st = resolve(f, i, tmp);
            if (st >> 3 === Status.Pathway) contactToPw[c] = tmp.target;
          }
          const a = f.definedActivity?.[i] ?? BLANK;
          if (a >= 0 && activityToContact[a] < 0) activityToContact[a] = c;
        }
      }
    }
    // parent ids present (hashes), to find rows whose contact / activity points nowhere; null when the scope has
    // no such parent table (nothing to check against)
    const definedSet = (pick: (f: FileIndex) => Float64Array | undefined) => {
      const parts = s.files.map(pick).filter((a): a is Float64Array => a !== undefined);
      return parts.length === 0 ? null : new HashSet53(parts);
    };
    const contacts = definedSet((f) => (f.linking.definesContacts ? f.contactHash : undefined));
    const activities = definedSet((f) => (f.linking.definesActivities ? f.activityHash : undefined));
    // 3. every row
    for (const f of s.files) {
      const st = new Uint8Array(f.count);
      const tg = new Int32Array(f.count);
      const refContact = contacts && !f.linking.definesContacts && !f.linking.definesActivities ? f.contactHash : undefined;
      const refActivity = activities && !f.linking.definesActivities ? f.activityHash : undefined;
      const contactKind = KINDS.indexOf('contact'); const activityKind = KINDS.indexOf('activity');
      const refContactOfActivity = contacts && f.linking.definesActivities && !f.linking.definesContacts ? f.contactHash : undefined;
      const contactRefs = refContact ?? refContactOfActivity;
      // fast path: a row whose first key is a known pathway (most rows of most tables)
      const first = planOf(f)[0];
      const direct = first && first.kk === 0 ? first.arr : undefined;
      for (let i = 0; i < f.count; i++) {
        let status: number;
        const v = direct ? direct[i] : -1;
        const g = v >= 0 ? pwGlobal[v] : -1;
        if (g >= 0) { status = Status.Pathway << 3; tmp.target = g; } else { tmp.target = -1; status = resolve(f, i, tmp); }
        if (status >> 3 === Status.Pathway) {
          const a = refActivity ? refActivity[i] : -1;
          const c = contactRefs ? contactRefs[i] : -1;
          if (a >= 0 && !activities!.has(a)) { status = (Status.DanglingActivity << 3) | activityKind; tmp.target = ptOf(f, i); }
          else if (c >= 0 && !contacts!.has(c)) { status = (Status.DanglingContact << 3) | contactKind; tmp.target = ptOf(f, i); }
        }
        st[i] = status;
        tg[i] = tmp.target;
      }
      files.push(f); status.push(st); target.push(tg);
    }
  }

  const base = new Float64Array(files.length + 1);
  files.forEach((f, i) => { base[i + 1] = base[i] + f.count; });
  const nPw = pathwayId.length; const nPt = participantId.length;
  const pathwayParticipant = Int32Array.from(pathwayParticipantList);
  // counts, then fills (records stay in file order within each owner)
  const cPw = new Uint32Array(nPw); const cPtRec = new Uint32Array(nPt); const cPtUn = new Uint32Array(nPt); const cPtPw = new Uint32Array(nPt);
  let nUnlinked = 0;
  for (let f = 0; f < files.length; f++) {
    const sts = status[f]; const tgs = target[f];
    for (let i = 0; i < sts.length; i++) {
      const st = sts[i] >> 3; const tg = tgs[i];
      if (st === Status.Pathway) cPw[tg]++;
      else if (st === Status.Participant) cPtRec[tg]++;
      else { nUnlinked++; if (tg >= 0) cPtUn[tg]++; }
    }
  }
  for (let g = 0; g < nPw; g++) if (pathwayParticipant[g] >= 0) cPtPw[pathwayParticipant[g]]++;
  const byPathway = new Csr(cPw); const participantRecords = new Csr(cPtRec); const participantUnlinked = new Csr(cPtUn);
  const participantPathways = new Csr(cPtPw);
  const unlinked = new Uint32Array(nUnlinked);
  let u = 0;
  for (let f = 0; f < files.length; f++) {
    const sts = status[f]; const tgs = target[f]; const b = base[f];
    for (let i = 0; i < sts.length; i++) {
      const st = sts[i] >> 3; const tg = tgs[i]; const ref = b + i;
      if (st === Status.Pathway) byPathway.add(tg, ref);
      else if (st === Status.Participant) participantRecords.add(tg, ref);
      else { unlinked[u++] = ref; if (tg >= 0) participantUnlinked.add(tg, ref); }
    }
  }
  for (let g = 0; g < nPw; g++) if (pathwayParticipant[g] >= 0) participantPathways.add(pathwayParticipant[g], g);
  return {
    files, base, status, target, pathwayScope, pathwayId, pathwayParticipant, participantScope, participantId,
    byPathway, participantPathways, participantRecords, participantUnlinked, unlinked,
  };
}

/** Open-addressing set of 53-bit key hashes (non-negative numbers): one or two probes per lookup. */
class HashSet53 {
  private readonly table: Float64Array;
  private readonly mask: number;
  constructor(parts: readonly Float64Array[]) {
    const n = parts.reduce((k, a) => k + a.length, 0);
    let size = 16;
    while (size < n * 2) size *= 2;
    this.table = new Float64Array(size).fill(-1);
    this.mask = size - 1;
    for (const a of parts) for (let i = 0; i < a.length; i++) if (a[i] >= 0) this.add(a[i]);
  }
  private add(v: number): void {
    let i = (v >>> 0) & this.mask; // the low 32 bits (ToUint32 is modulo 2^32)
    while (this.table[i] !== -1) { if (this.table[i] === v) return; i = (i + 1) & this.mask; }
    this.table[i] = v;
  }
  has(v: number): boolean {
    let i = (v >>> 0) & this.mask; // the low 32 bits (ToUint32 is modulo 2^32)
    for (;;) {
      const x = this.table[i];
      if (x === v) return true;
      if (x === -1) return false;
      i = (i + 1) & this.mask;
    }
  }
}
