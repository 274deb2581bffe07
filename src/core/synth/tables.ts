// Which tables and columns the generator writes in each layout. Column names come from the dictionary:
// every NHS name below is checked against its table there, and UK LLC headers are the dictionary's ukllcName.
import type { Dictionary, FieldEntry, Layout } from '../dictionary';

/** NHS technical names per NHS table (a realistic subset: all keys, link fields and what outcomes need). */
export const NHS_COLUMNS: Record<string, string[]> = {
  IDS001: ['LocalPatientId', 'Person_ID', 'PersonBirthDate', 'Gender', 'EthnicCategory'],
  IDS004: ['LocalPatientId', 'Person_ID', 'EmployStatus', 'EmployStatusRecDate'],
  IDS101: [
    'ServiceRequestId', 'LocalPatientId', 'Person_ID', 'PathwayID', 'ReferralRequestReceivedDate', 'SourceOfReferralMH',
    'SourceOfReferralIAPT',
    'ServDischDate', 'EndCode', 'Age_ReferralRequest_ReceivedDate', 'CareContact_Count', 'TreatmentCareContact_Count',
    'CompletedTreatment_Flag', 'PHQ9_FirstScore', 'PHQ9_LastScore', 'GAD_FirstScore', 'GAD_LastScore', 'ADSM',
    'ADSM_FirstScore', 'ADSM_LastScore', 'Caseness_Flag', 'NotCaseness_Flag', 'Recovery_Flag', 'ReliableImprovement_Flag',
    'ReliableDeterioration_Flag', 'NoChange_Flag',
  ],
  IDS105: ['ServiceRequestId', 'PathwayID', 'Person_ID', 'OnwardReferDate', 'OnwardReferTime', 'OnwardReferReason', 'OrgIDReceiving'],
  IDS108: ['PauseID', 'ServiceRequestId', 'PathwayID', 'Person_ID', 'PauseStartDate', 'PauseEndDate', 'PauseReason'],
  IDS201: [
    'CareContactId', 'ServiceRequestId', 'PathwayID', 'Person_ID', 'CareContDate', 'CareContTime', 'AppType',
    'AttendOrDNACode', 'ConsMediumUsed', 'ConsMechanism', 'ClinContDurOfCareCont',
  ],
  IDS202: ['CareActId', 'CareContactId', 'PathwayID', 'Person_ID', 'CarePersLocalId', 'ClinContactDurOfCareAct', 'CodeProcAndProcStatus'],
  IDS205: [
    'ServiceRequestId', 'PathwayID', 'Person_ID', 'StartDateIntEnabledTherLog', 'EndDateIntEnabledTherLog', 'IntEnabledTherProg',
    'DurationIntEnabledTher', 'CarePersLocalId',
  ],
  IDS602: ['ServiceRequestId', 'PathwayID', 'Person_ID', 'FindSchemeInUse', 'LongTermCondition'],
  IDS603: ['UniqueID_IDS603', 'ServiceRequestId', 'PathwayID', 'Person_ID', 'FindSchemeInUse', 'PresComp', 'PresCompCodSig', 'PresCompDate'],
  IDS606: ['ServiceRequestId', 'PathwayID', 'Person_ID', 'CodedAssToolType', 'PersScore', 'AssToolCompDate', 'AssToolCompTime'],
  IDS607: ['CareActId', 'PathwayID', 'Person_ID', 'CodedAssToolType', 'PersScore'],
  IDS803: ['LocalPatientId', 'Person_ID', 'AMHCareClustCodeFin', 'StartDateCareClust', 'EndDateCareClust'],
};

/** Submitted/derived keys that UK LLC replaces with cohortkey_e and pathwayid (not written in that layout). */
const UKLLC_DROPPED = new Set(['LocalPatientId', 'Person_ID', 'ServiceRequestId', 'PathwayID']);

/** UK LLC themed tables: [NHS table, NHS field] pairs after the fixed leading columns. */
export const UKLLC_SOURCES: Record<string, { person: boolean; fields: [string, string][] }> = {
  IAPT_demographics_and_referral: { person: false, fields: [
    ...pairs('IDS001', ['Gender', 'EthnicCategory']),
    ...pairs('IDS101', NHS_COLUMNS.IDS101),
  ] },
  IAPT_employment_status: { person: true, fields: pairs('IDS004', NHS_COLUMNS.IDS004) },
  IAPT_internet_enabled_therapies: { person: false, fields: pairs('IDS205', NHS_COLUMNS.IDS205) },
  IAPT_care_activities: { person: false, fields: [...pairs('IDS201', NHS_COLUMNS.IDS201), ...pairs('IDS202', NHS_COLUMNS.IDS202)] },
  IAPT_coded_scored_assessments: { person: false, fields: [
    ['IDS607', 'CareActId'], ...pairs('IDS606', ['CodedAssToolType', 'PersScore', 'AssToolCompDate', 'AssToolCompTime']),
  ] },
  IAPT_care_cluster: { person: true, fields: pairs('IDS803', NHS_COLUMNS.IDS803) },
  IAPT_mental_and_physical_health_conditions: { person: false, fields: [
    ...pairs('IDS603', NHS_COLUMNS.IDS603), ['IDS602', 'LongTermCondition'],
  ] },
  IAPT_onward_referrals: { person: false, fields: pairs('IDS105', NHS_COLUMNS.IDS105) },
  IAPT_waiting_time_pauses: { person: false, fields: pairs('IDS108', NHS_COLUMNS.IDS108) },
};

function pairs(table: string, names: string[]): [string, string][] {
  return names.map((n) => [table, n]);
}

export type ColumnRole = 'key' | 'code' | 'date' | 'score' | 'other';

export interface ColumnSpec {
  /** header as written */
  header: string;
  /** key of the value in an emitted record (NHS technical name, or the UK LLC extra column name) */
  key: string;
  field: FieldEntry | null;
  role: ColumnRole;
}

export interface TableSpec {
  layout: Layout;
  /** NHS table id or UK LLC table name */
  table: string;
  file: string;
  columns: ColumnSpec[];
}

const KEY_FIELDS = new Set([
  'LocalPatientId', 'Person_ID', 'ServiceRequestId', 'PathwayID', 'CareContactId', 'CareActId', 'PauseID', 'UniqueID_IDS603',
  'cohortkey_e', 'CarePersLocalId', 'OrgIDReceiving',
]);

function roleOf(key: string, field: FieldEntry | null): ColumnRole {
  if (KEY_FIELDS.has(key)) return 'key';
  if (key === 'PersScore') return 'score';
  if (!field) return key.endsWith('_date') ? 'date' : 'other';
  if (field.type === 'date') return 'date';
  if (field.codelist) return 'code';
  return 'other';
}

function resolve(dict: Dictionary, table: string, name: string): FieldEntry {
  const f = dict.field(name, table);
  if (!f || f.name !== name || f.tableId !== table) throw new Error(`synth: column ${name} is not a field of ${table} in the dictionary`);
  return f;
}

export function nhsTableSpecs(dict: Dictionary): TableSpec[] {
  return Object.entries(NHS_COLUMNS).map(([table, names]) => ({
    layout: 'nhs' as const,
    table,
    file: `${table}.csv`,
    columns: names.map((name) => {
      const field = resolve(dict, table, name);
      return { header: field.name, key: name, field, role: roleOf(name, field) };
    }),
  }));
}

export const UKLLC_LEADING = ['cohortkey_e', 'pathwayid', 'extract_start_date', 'extract_end_date'];

export function ukllcTableSpecs(dict: Dictionary): TableSpec[] {
  return Object.entries(UKLLC_SOURCES).map(([table, source]) => {
    const entry = dict.ukllcTable(table);
    if (!entry) throw new Error(`synth: ${table} is not a UK LLC table in the dictionary`);
    const columns: ColumnSpec[] = [];
    const seen = new Set<string>();
    const add = (c: ColumnSpec) => { if (!seen.has(c.header)) { seen.add(c.header); columns.push(c); } };
    for (const extra of UKLLC_LEADING) {
      if (extra === 'pathwayid') {
        if (source.person) continue;
        const field = resolve(dict, 'IDS101', 'PathwayID');
        add({ header: field.ukllcName, key: 'PathwayID', field, role: 'key' });
        continue;
      }
      if (!entry.extraColumns.includes(extra)) throw new Error(`synth: ${extra} is not a UK LLC column of ${table} in the dictionary`);
      add({ header: extra, key: extra, field: null, role: roleOf(extra, null) });
    }
    for (const [nhsTable, name] of source.fields) {
      if (UKLLC_DROPPED.has(name)) continue;
      if (!entry.nhsTables.includes(nhsTable)) throw new Error(`synth: ${nhsTable} is not merged into ${table} in the dictionary`);
      const field = resolve(dict, nhsTable, name);
      add({ header: field.ukllcName, key: name, field, role: roleOf(name, field) });
    }
    return { layout: 'ukllc' as const, table, file: `${table}.csv`, columns };
  });
}
