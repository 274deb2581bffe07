// The input side shared by the commands that read extracts: files under the given paths (one clear message when a
// path is missing or holds no table files) and the extract-boundary check (several extracts are never merged).
import { listTableFiles } from '../core/outcomes/discover';
import { groupExtracts, severalExtractsLines, type ExtractFile, type ExtractGrouping } from '../core/tables';
import { cannotRead, CliError, FILE_ERROR } from './errors';
import { visible } from './text';

/** Which files are read and how they are recognised: the hint of every "nothing found" message. */
export const RECOGNISED_FILES = 'iapt reads .csv, .tsv and .txt files (folders are searched, skipping hidden folders and node_modules) '
  + 'and recognises each by its header row: NHS IDS tables with NHS column names (IDS101 with ServiceRequestId, ReferralRequestReceivedDate, …) '
  + 'or UK LLC themed tables with lower-case names (IAPT_care_activities with pathwayid, careactid, …); the file name is only a hint';

/** Exit code when the paths hold no table file at all. */
export const NO_FILES = 1;

/**
 * Every CSV/TSV/TXT file under the paths. A missing or unreadable path stops the command with one line per path
 * (exit 2); paths holding no such file stop it with one message and the hint (exit 1).
 */
export function findInputFiles(paths: readonly string[], onSkipped?: (path: string, reason: string) => void): string[] {
  let listed: ReturnType<typeof listTableFiles>;
  try {
    listed = listTableFiles(paths);
  } catch (err) {
    const p = (err as NodeJS.ErrnoException).path ?? paths.join(' ');
    throw cannotRead(p, err);
  }
  if (listed.missing.length) {
    throw new CliError(listed.missing.map((m) => `cannot read ${visible(m)}: no such file or folder`).join('\n'), FILE_ERROR);
  }
  if (listed.files.length === 0 && listed.skipped.length > 0) {
    // only special files (FIFO, device, link out of the folder): they cannot be read, one line each
    throw new CliError(listed.skipped.map((s) => `cannot read ${visible(s.path)}: ${visible(s.reason)}`).join('\n'), FILE_ERROR);
  }
  // FIFOs, devices, links out of the folder: never read, always said
  if (listed.files.length > 0) for (const s of listed.skipped) onSkipped?.(s.path, s.reason);
  if (listed.files.length === 0) {
    throw new CliError(`no .csv, .tsv or .txt files under ${paths.map(visible).join(', ')}.\n${RECOGNISED_FILES}.`, NO_FILES);
  }
  return listed.files;
}

/** The extracts among recognised tables; a CliError (exit 2) listing them when there are several. */
export function severalExtractsError(command: string, files: readonly ExtractFile[]): CliError | undefined {
  const g: ExtractGrouping = groupExtracts(files);
  if (g.reasons.length === 0) return undefined;
  return new CliError([
    ...severalExtractsLines(g).map(visible),
    `Give one extract at a time, e.g. iapt ${command} ${visible(g.extracts[0].folder)}`,
  ].join('\n'), FILE_ERROR);
}
