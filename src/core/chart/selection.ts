// Which participant or pathway a table cell names: its column must be a pathway key (PathwayID, ServiceRequestId,
// UK LLC pathwayid) or a participant key (Person_ID, LocalPatientId, cohortkey_e), resolved as the outcome loader does.
import { Columns, COL } from '../outcomes/columns';
import type { ChartSelection } from './protocol';

export function selectionForCell(column: string, value: string): ChartSelection | undefined {
  const id = value.trim();
  if (!id) return undefined;
  const c = new Columns([column]);
  if (c.has(...COL.pathway, ...COL.serviceRequest)) return { kind: 'pathway', id };
  if (c.has(...COL.participant)) return { kind: 'participant', id };
  return undefined;
}
