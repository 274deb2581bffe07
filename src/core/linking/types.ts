// Contract of the workspace index (linked tables): what a participant's or pathway's linked rows look like once
// re-read from disk. Shared by the sidebar tree, `iapt pathway`, validation's orphan checks and the score chart.
// The index itself holds keys and positions only; these shapes are produced on demand for one participant/pathway.
import type { Layout } from '../dictionary/types';

/** One record of one table that belongs to a pathway (or is unlinked), re-read from its file. */
export interface LinkedRecord {
  /** absolute path of the file */
  file: string;
  /** 1-based line on which the record starts */
  line: number;
  /** byte offset of the record's first byte in the file (after any BOM for the first record) */
  offset: number;
  /** table as `iapt tables` reports it: "IDS201", "IAPT_care_activities", … */
  tableId: string;
  layout: Layout;
  /** UK LLC extract end date of the row (YYYY-MM-DD as written), null where the table has none */
  extractEndDate: string | null;
  /** true when the outcome engine keeps this row (always true outside UK LLC extract-period de-duplication) */
  kept: boolean;
  /** why the row is not kept (e.g. superseded by the extract ending 2023-06-30), when kept is false */
  supersededReason?: string;
  /** column name as written in the header → cell value as written */
  fields: Record<string, string>;
}

export interface LinkedPathway {
  pathwayId: string;
  /** participant key (NHS Person_ID / LocalPatientId, UK LLC cohortkey_e); null when no referral row names one */
  participantId: string | null;
  layout: Layout;
  /** table id → records in file order */
  tables: Record<string, LinkedRecord[]>;
}

/** A record the index could not attach to a pathway, with the reason (blank key, malformed key, points nowhere). */
export interface UnlinkedRecord {
  record: LinkedRecord;
  reason: string;
}

/** Everything the index knows about one participant (or about the participant of one pathway). */
export interface LinkedParticipant {
  participantId: string | null;
  pathways: LinkedPathway[];
  unlinked: UnlinkedRecord[];
  /** records of participant-level tables (no pathway key: IDS001, IDS004, IAPT_employment_status, …), table id → records */
  records?: Record<string, LinkedRecord[]>;
}
