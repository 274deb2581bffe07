// IAPTX050: NHS derived fields of the referral table that contradict the raw rows, as the outcome engine finds
// them when it recomputes each pathway (one more streaming pass over the outcome tables; no logic repeated here).
import { computeOutcomes, OutcomeInputError, tableRole } from '../outcomes';
import { normaliseColumnName } from '../dictionary';
import type { RecognisedTable } from '../tables';
import type { Finding, Severity } from './types';

interface TableFile {
  path: string;
  name: string;
  header: string[];
  recognised: RecognisedTable | null;
}

export async function derivedFindings(files: readonly TableFile[], severity: Severity, signal?: AbortSignal): Promise<Finding[]> {
  const tables = files.filter((f) => f.recognised && tableRole(f.recognised.id))
    .map((f) => ({ path: f.path, name: f.name, layout: f.recognised!.layout, tableId: f.recognised!.id }));
  if (!tables.some((t) => tableRole(t.tableId) === 'referral')) return [];
  let result;
  try {
    result = await computeOutcomes(tables, {}, { signal });
  } catch (err) {
    if (err instanceof OutcomeInputError) return [];
    throw err;
  }
  const headers = new Map(files.map((f) => [f.name, f.header]));
  return result.disagreements.map((d) => {
    const header = headers.get(d.file) ?? [];
    const col = header.findIndex((h) => normaliseColumnName(h) === d.field.toLowerCase());
    return {
      file: d.file, line: d.line, column: col + 1 || 1, field: col >= 0 ? header[col] : d.field, value: d.extract, rule: 'IAPTX050', severity,
      message: `${d.field} is ${d.extract === '' ? 'blank' : `'${d.extract}'`} but the rows of pathway ${d.pathwayId} give ${d.computed === '' ? 'no value' : `'${d.computed}'`} (recomputed by the outcome engine)`,
    };
  });
}
