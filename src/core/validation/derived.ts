// IAPTX050: NHS derived fields of the referral table that contradict the raw rows, as the outcome engine finds
// them when it recomputes each pathway (one more streaming pass over the outcome tables; no logic repeated here).
import { openCsvFile } from '../csv';
import { computeOutcomes, OutcomeInputError, tableRole, type Disagreement } from '../outcomes';
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
  const out: Finding[] = result.disagreements.map((d) => {
    const header = headers.get(d.file) ?? [];
    const col = header.findIndex((h) => normaliseColumnName(h) === d.field.toLowerCase());
    return {
      file: d.file, line: d.line, column: col + 1 || 1, field: col >= 0 ? header[col] : d.field, value: d.extract, rule: 'IAPTX050', severity,
      message: message(d.field, d.extract, d.pathwayId, d.computed),
    };
  });
  // UK LLC repeats a pathway's referral row in every extract period; the engine compares one of them. The same
  // wrong value on the pathway's other rows is the same fault: one more pass over those referral files finds them.
  const ukllc = files.filter((f) => f.recognised?.id === 'IAPT_demographics_and_referral' && result.disagreements.some((d) => d.file === f.name));
  for (const f of ukllc) out.push(...await repeatedRows(f, result.disagreements.filter((d) => d.file === f.name), severity, signal));
  return out;
}

function message(field: string, extract: string, pathwayId: string, computed: string): string {
  return `${field} is ${extract === '' ? 'blank' : `'${extract}'`} but the rows of pathway ${pathwayId} give ${computed === '' ? 'no value' : `'${computed}'`} (recomputed by the outcome engine)`;
}

async function repeatedRows(f: TableFile, ds: Disagreement[], severity: Severity, signal?: AbortSignal): Promise<Finding[]> {
  const pw = f.header.findIndex((h) => normaliseColumnName(h) === 'pathwayid');
  if (pw < 0) return [];
  const byPathway = new Map<string, { col: number; d: Disagreement }[]>();
  const reported = new Set(ds.map((d) => `${d.line}|${d.field}`));
  for (const d of ds) {
    const col = f.header.findIndex((h) => normaliseColumnName(h) === d.field.toLowerCase());
    if (col >= 0) byPathway.set(d.pathwayId, [...(byPathway.get(d.pathwayId) ?? []), { col, d }]);
  }
  const out: Finding[] = [];
  const csv = await openCsvFile(f.path, { signal, file: f.name });
  for await (const batch of csv.batches) {
    for (const r of batch) {
      const hits = byPathway.get((r.fields[pw] ?? '').trim());
      if (!hits) continue;
      for (const { col, d } of hits) {
        const v = (r.fields[col] ?? '').trim();
        if (v !== d.extract || reported.has(`${r.line}|${d.field}`)) continue;
        out.push({ file: f.name, line: r.line, column: col + 1, field: f.header[col], value: v, rule: 'IAPTX050', severity, message: `${message(d.field, v, d.pathwayId, d.computed)}; the same value is on line ${d.line}` });
      }
    }
  }
  return out;
}
