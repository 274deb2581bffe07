// Column lookup for the outcome tables: NHS technical names, matched case-insensitively (UK LLC uses them in
// lower case) and through the dictionary, so every alias it accepts (e.g. extractenddate) is found too.
import { builtinDictionary, normaliseColumnName, type Dictionary } from '../dictionary';

/** Resolves named columns of one header; `get` returns '' for an absent column. */
export class Columns {
  private readonly index = new Map<string, number>();
  constructor(readonly header: readonly string[], dict: Dictionary = builtinDictionary()) {
    header.forEach((h, i) => {
      const k = normaliseColumnName(h);
      if (!this.index.has(k)) this.index.set(k, i);
    });
    // A header written as an alias answers to the dictionary name it stands for (literal names win).
    header.forEach((h, i) => {
      for (const f of dict.fields(h)) {
        const k = f.name.toLowerCase();
        if (!this.index.has(k)) this.index.set(k, i);
      }
    });
  }
  /** index of the first of the names present, -1 when none */
  find(...names: string[]): number {
    for (const n of names) {
      const i = this.index.get(n.toLowerCase());
      if (i !== undefined) return i;
    }
    return -1;
  }
  has(...names: string[]): boolean { return this.find(...names) >= 0; }
}

/** The field at a column index ('' when absent or the row is short), trimmed. */
export function cell(fields: readonly string[], i: number): string {
  return i >= 0 && i < fields.length ? fields[i].trim() : '';
}

/** Column names used by the outcome engine (IAPT v2.x technical names; source: data/iapt-dictionary.json). */
export const COL = {
  pathway: ['PathwayID'],
  serviceRequest: ['ServiceRequestId'],
  participant: ['cohortkey_e', 'Person_ID', 'LocalPatientId'],
  referralDate: ['ReferralRequestReceivedDate'],
  dischargeDate: ['ServDischDate'],
  extractStart: ['extract_start_date'],
  extractEnd: ['extract_end_date'],
  contact: ['CareContactId'],
  contactDate: ['CareContDate'],
  contactTime: ['CareContTime'],
  appType: ['AppType'],
  attend: ['AttendOrDNACode'],
  activity: ['CareActId'],
  complaint: ['PresComp'],
  validatedComplaint: ['Validated_PresentingComplaint'],
  complaintSignificance: ['PresCompCodSig'],
  complaintDate: ['PresCompDate'],
  complaintId: ['UniqueID_IDS603'],
  tool: ['CodedAssToolType'],
  score: ['PersScore'],
  scoreDate: ['AssToolCompDate'],
  scoreTime: ['AssToolCompTime'],
} as const;
