// The tables the emitted SQL reads, per extract layout: the same roles and column names as the engine's loader
// (load.ts ROLES, columns.ts COL), as CSV file patterns (DuckDB) or warehouse table names (Spark, T-SQL).
import { COL } from '../columns';

export type SqlLayout = 'nhs' | 'ukllc';
export const SQL_LAYOUTS: readonly SqlLayout[] = ['nhs', 'ukllc'];

export function isSqlLayout(name: string): name is SqlLayout {
  return (SQL_LAYOUTS as readonly string[]).includes(name);
}

export interface LayoutTable {
  /** NHS table id or UK LLC table name */
  table: string;
  /** columns this table has in the layout (technical names, in the layout's case) */
  has: string[];
}

export interface LayoutTables {
  referral: LayoutTable;
  contacts: LayoutTable;
  /** NHS IDS202 (UK LLC care_activities holds contacts and activities in one table) */
  activities?: LayoutTable;
  complaints: LayoutTable;
  /** referral-level scores first (IDS606), then care-activity scores (IDS607): the engine's read order */
  scores: LayoutTable[];
  /** UK LLC: rows repeated across extract periods are de-duplicated first */
  extractPeriods: boolean;
}

const c = COL;
const nhs: LayoutTables = {
  referral: { table: 'IDS101', has: [c.serviceRequest[0], c.pathway[0], 'Person_ID', 'LocalPatientId', c.referralDate[0], c.dischargeDate[0], 'ADSM'] },
  contacts: { table: 'IDS201', has: [c.contact[0], c.serviceRequest[0], c.pathway[0], c.contactDate[0], c.contactTime[0], c.appType[0], c.attend[0]] },
  activities: { table: 'IDS202', has: [c.activity[0], c.contact[0], c.pathway[0]] },
  complaints: { table: 'IDS603', has: [c.complaintId[0], c.serviceRequest[0], c.pathway[0], c.complaint[0], c.complaintSignificance[0], c.complaintDate[0]] },
  scores: [
    { table: 'IDS606', has: [c.serviceRequest[0], c.pathway[0], c.tool[0], c.score[0], c.scoreDate[0], c.scoreTime[0]] },
    { table: 'IDS607', has: [c.activity[0], c.pathway[0], c.tool[0], c.score[0]] },
  ],
  extractPeriods: false,
};

const periods = [c.extractStart[0], c.extractEnd[0]];
const lower = (t: LayoutTable): LayoutTable => ({ table: t.table, has: t.has.map((h) => h.toLowerCase()) });
const ukllc: LayoutTables = {
  referral: lower({ table: 'IAPT_demographics_and_referral', has: ['cohortkey_e', c.pathway[0], ...periods, c.referralDate[0], c.dischargeDate[0], 'ADSM'] }),
  contacts: lower({ table: 'IAPT_care_activities', has: ['cohortkey_e', c.pathway[0], ...periods, c.contact[0], c.contactDate[0], c.contactTime[0], c.appType[0], c.attend[0], c.activity[0]] }),
  complaints: lower({ table: 'IAPT_mental_and_physical_health_conditions', has: ['cohortkey_e', c.pathway[0], ...periods, c.complaintId[0], c.complaint[0], c.complaintSignificance[0], c.complaintDate[0]] }),
  scores: [lower({ table: 'IAPT_coded_scored_assessments', has: ['cohortkey_e', c.pathway[0], ...periods, c.activity[0], c.tool[0], c.score[0], c.scoreDate[0], c.scoreTime[0]] })],
  extractPeriods: true,
};

export function layoutTables(layout: SqlLayout): LayoutTables {
  return layout === 'nhs' ? nhs : ukllc;
}

/** Columns each role reads (the union over both layouts; a column a table lacks reads as NULL, i.e. ''). */
export const ROLE_COLUMNS = {
  referral: [c.pathway[0], c.serviceRequest[0], ...c.participant, c.referralDate[0], c.dischargeDate[0], ...periods],
  contacts: [c.contact[0], c.activity[0], c.pathway[0], c.serviceRequest[0], c.contactDate[0], c.contactTime[0], c.appType[0], c.attend[0], ...periods],
  activities: [c.activity[0], c.contact[0], c.pathway[0], c.serviceRequest[0]],
  complaints: [c.pathway[0], c.serviceRequest[0], c.complaint[0], c.validatedComplaint[0], c.complaintSignificance[0], c.complaintDate[0], c.complaintId[0], ...periods],
  scores: [c.pathway[0], c.serviceRequest[0], c.tool[0], c.score[0], c.activity[0], c.contact[0], c.scoreDate[0], c.scoreTime[0], 'UniqueID_IDS606', 'UniqueID_IDS607', ...periods],
};
