// Validation of one editor document's text: the same rule kinds and project checks as files on disk, without
// the cross-file checks (those need the other files: "IAPT: Validate Workspace" / `iapt validate` give them).
import { parseCsvText } from '../csv';
import { builtinDictionary, type Dictionary } from '../dictionary';
import { recogniseTable, type RecognisedTable } from '../tables';
import { builtinCatalogue } from './catalogue';
import { CrossFileState, FileValidator, problemFinding } from './file';
import { isUnparsable } from './engine';
import { FindingSink, selectRules, type RuleSelection } from './select';
import type { Finding } from './types';

export interface TextValidation {
  findings: Finding[];
  recognised: RecognisedTable | null;
  rows: number;
}

export function validateText(text: string, file: string, options: { dictionary?: Dictionary; selection?: RuleSelection; fileName?: string } = {}): TextValidation {
  const dict = options.dictionary ?? builtinDictionary();
  const catalogue = builtinCatalogue();
  const { rules, check } = selectRules(catalogue, options.selection);
  const findings: Finding[] = [];
  const sink = new FindingSink((f) => findings.push(f), options.selection?.maxPerFile, check('IAPTX009'));
  const parsed = parseCsvText(text, { file, offsets: false, shareValues: false });
  const unparsable = parsed.problems.find(isUnparsable);
  if (unparsable) {
    const f = problemFinding(unparsable, file, parsed.header, catalogue, check);
    return { findings: f ? [f] : [], recognised: null, rows: parsed.records.length };
  }
  const recognised = parsed.header.length ? recogniseTable(parsed.header, dict, options.fileName ?? file) : null;
  const v = new FileValidator({ file, header: parsed.header, recognised, dict, catalogue, rules, check, emit: (f) => sink.emit(f), state: new CrossFileState() });
  for (const r of parsed.records) v.record(r);
  for (const p of parsed.problems) {
    const f = problemFinding(p, file, parsed.header, catalogue, check);
    if (f) sink.emit(f);
  }
  sink.finish();
  return { findings, recognised, rows: parsed.records.length };
}
