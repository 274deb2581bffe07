// Helpers for the validation tests: validate a small CSV text or a folder of files, and pick findings.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listTableFiles } from '../../../src/core/outcomes/discover';
import { validateFiles, validateText, type Finding, type RuleSelection } from '../../../src/core/validation';

export const IDS201_HEADER = 'CareContactId,ServiceRequestId,PathwayID,Person_ID,CareContDate,CareContTime,AppType,AttendOrDNACode,ConsMediumUsed,ConsMechanism,ClinContDurOfCareCont,Cancellation';
/** a row with no fault under the v2.0 catalogue */
export const IDS201_ROW = 'CC1,SR1,PW1,P1,2023-05-02,10:00:00,02,5,01,,50,';

/** Findings of a CSV text validated alone (as an editor document). */
export function check(file: string, lines: string[], selection?: RuleSelection): Finding[] {
  return validateText(lines.join('\n') + '\n', file, { selection }).findings;
}

export function rule(findings: Finding[], id: string): Finding[] {
  return findings.filter((f) => f.rule === id);
}

/** Lines (1-based) at which a rule fired. */
export function lines(findings: Finding[], id: string): number[] {
  return rule(findings, id).map((f) => f.line);
}

/** Writes files into a new temporary folder and validates them together. */
export async function checkFiles(files: Record<string, string[]>, selection?: RuleSelection): Promise<{ findings: Finding[]; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'iapt-validate-'));
  for (const [name, rows] of Object.entries(files)) writeFileSync(join(dir, name), rows.join('\n') + '\n');
  const findings: Finding[] = [];
  await validateFiles(listTableFiles([dir]).files, (f) => findings.push(f), { selection, displayName: (p) => p.slice(dir.length + 1) });
  return { findings, dir };
}

/** Replaces field `i` (0-based) of a comma-separated row. */
export function withField(row: string, i: number, value: string): string {
  const f = row.split(',');
  f[i] = value;
  return f.join(',');
}
