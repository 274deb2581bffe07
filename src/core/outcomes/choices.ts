// Row-level choices shared by the streaming loader (rows.ts) and the facts adapter for linked rows (linked.ts), so
// both read a row the same way. Each is an open choice of issue 13, stated in the README.

/** 32-bit FNV-1a of a row's fields: an order-independent last tie-break between rows of one pathway. */
export function rowHash(fields: readonly string[]): number {
  let h = 0x811c9dc5;
  for (const f of fields) {
    for (let i = 0; i < f.length; i++) { h ^= f.charCodeAt(i); h = Math.imul(h, 0x01000193); }
    h ^= 0x1f; h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface ReferralCandidate {
  /** YYYY-MM-DD or '' */
  dischargeDate: string;
  referralDate: string;
  /** UK LLC extract end ('' in the NHS layout) */
  extractEnd: string;
  hash: number;
}

/**
 * One referral row per pathway, whatever the row order: a closed one before an open one (UK LLC Guidebook: the row
 * with a discharge date shows the closed referral), then the latest extract, then the latest discharge date, then the
 * latest referral date, then the row text (hash). True when `a` is preferred to `b`.
 */
export function preferReferral(a: ReferralCandidate, b: ReferralCandidate): boolean {
  if ((a.dischargeDate !== '') !== (b.dischargeDate !== '')) return a.dischargeDate !== '';
  if (a.extractEnd !== b.extractEnd) return a.extractEnd > b.extractEnd;
  if (a.dischargeDate !== b.dischargeDate) return a.dischargeDate > b.dischargeDate;
  if (a.referralDate !== b.referralDate) return a.referralDate > b.referralDate;
  return a.hash > b.hash;
}

/**
 * The presenting complaint code of an IDS603 row: Validated_PresentingComplaint when populated (and not the NHS
 * "not validated" marker -3), else PresComp. '' = no complaint on the row (e.g. a UK LLC long-term condition row).
 */
export function complaintCode(validatedCell: string, presCompCell: string): { code: string; validated: boolean } {
  const v = validatedCell.trim();
  if (v !== '' && v !== '-3') return { code: v, validated: true };
  return { code: presCompCell.trim(), validated: false };
}
