// `iapt pathway <path>... --id ID [--format json|text]`: every record linked to one participant or pathway, across
// every table file under the paths (the workspace index of src/core/linking, rows re-read from disk).
// Exit codes: 0 found, 1 not found, 2 usage or I/O error.
import * as path from 'node:path';
import {
  fieldText, LinkIndex, pathwaySummary, recordFields, recordSummary,
  type LinkedParticipant, type LinkedRecord, type IdMatch,
} from '../core/linking';
import { listTableFiles } from '../core/outcomes/discover';
import { defineCommand, stringFlag, UsageError, type CliIO } from './args';
import { visible } from './text';



interface JsonRecord {
  file: string;
  line: number;
  extract_end_date: string | null;
  kept: boolean;
  fields: Record<string, string>;
}

function jsonRecord(r: LinkedRecord): JsonRecord {
  return { file: r.file, line: r.line, extract_end_date: r.extractEndDate, kept: r.kept, fields: r.fields };
}

function jsonTables(tables: Record<string, LinkedRecord[]>): Record<string, JsonRecord[]> {
  const out: Record<string, JsonRecord[]> = {};
  for (const [t, rs] of Object.entries(tables)) out[t] = rs.map(jsonRecord);
  return out;
}

/** The JSON form: participant, pathways with their tables, participant-level tables, unlinked rows with reasons. */
export function pathwayJson(v: LinkedParticipant): object {
  return {
    participant_id: v.participantId,
    pathways: v.pathways.map((p) => ({ pathway_id: p.pathwayId, tables: jsonTables(p.tables) })),
    participant_tables: jsonTables(v.records ?? {}),
    unlinked: v.unlinked.map((u) => ({ table: u.record.tableId, ...jsonRecord(u.record), reason: u.reason })),
  };
}

function textRecord(lines: string[], r: LinkedRecord, indent: string): void {
  const period = r.extractEndDate !== null ? ` [extract ending ${r.extractEndDate}${r.kept ? ', kept' : `, not kept: ${r.supersededReason}`}]` : '';
  lines.push(`${indent}${path.relative(process.cwd(), r.file) || r.file}:${r.line}  ${recordSummary(r)}${period}`);
  for (const f of recordFields(r)) {
    if (f.value.trim() === '') continue;
    lines.push(`${indent}    ${f.decoded ? fieldText(f) : `${f.column}: ${f.value}`}`);
  }
}

/** The text form: readable in a terminal, decoded values beside the codes; control characters made visible. */
export function pathwayText(v: LinkedParticipant, m: IdMatch, extractTables: string[]): string {
  const lines: string[] = [];
  lines.push(`Participant ${v.participantId ?? '(none named)'}  (${m.layout} extract in ${m.folder})`);
  for (const p of v.pathways) {
    const s = pathwaySummary(p, { extractTables });
    lines.push('', `  Pathway ${p.pathwayId}  ${s.label}  ${s.description}`);
    for (const [t, rs] of Object.entries(p.tables)) {
      lines.push(`    ${t} (${rs.length} row${rs.length === 1 ? '' : 's'})`);
      for (const r of rs) textRecord(lines, r, '      ');
    }
  }
  for (const [t, rs] of Object.entries(v.records ?? {})) {
    lines.push('', `  ${t} (participant-level, ${rs.length} row${rs.length === 1 ? '' : 's'})`);
    for (const r of rs) textRecord(lines, r, '    ');
  }
  if (v.unlinked.length) {
    lines.push('', `  Unlinked (${v.unlinked.length})`);
    for (const u of v.unlinked) {
      lines.push(`    ${u.record.tableId}: ${u.reason}`);
      textRecord(lines, u.record, '      ');
    }
  }
  return lines.map(visible).join('\n');
}

const command = defineCommand({
  name: 'pathway',
  help: {
    synopsis: '<path>... --id ID [--format json|text]',
    summary: 'every record linked to one participant or pathway, across all the tables',
    description: `Shows every record linked to one participant (Person_ID / LocalPatientId, UK LLC cohortkey_e) or one pathway
(PathwayID / ServiceRequestId, UK LLC pathwayid) across the IAPT tables under the paths: the participant's pathways,
per table the rows that belong to each (by the pathway key, or through the care contact / care activity),
participant-level tables, and the participant's rows that could not be linked, with the reason. UK LLC rows carry
their extract end date and whether the outcome engine keeps them (latest extract per pathway per financial year).
An extract is a layout and a folder: the same ID in two extracts is two things (give one extract's folder).`,
    examples: [
      'iapt pathway sample/nhs --id PW000000003',
      'iapt pathway sample/ukllc --id CK000000003 --format json',
    ],
    exitCodes: [
      [0, 'found'],
      [1, 'no participant or pathway with that ID'],
      [2, 'usage error, an ID found in several extracts, or a path that cannot be read'],
    ],
  },
  options: [
    { name: 'id', value: 'ID', help: 'the participant or pathway ID' },
    { name: 'format', value: 'json|text', help: 'json: {participant_id, pathways: [{pathway_id, tables}], participant_tables, unlinked}; text (default): decoded values beside the codes' },
  ],
  async run(args, io: CliIO) {
    const id = stringFlag(args, 'id');
    if (id === undefined || id.trim() === '') throw new UsageError('--id ID is required');
    const format = stringFlag(args, 'format') ?? 'text';
    if (format !== 'json' && format !== 'text') throw new UsageError(`--format must be json or text, not ${JSON.stringify(format)}`);
    if (args.positional.length === 0) throw new UsageError('give at least one file or folder');
    const { files, missing } = listTableFiles(args.positional);
    if (missing.length) {
      io.stderr.write(missing.map((p) => `iapt pathway: ${visible(p)}: no such file or folder\n`).join(''));
      return 2;
    }
    const index = await LinkIndex.build(files);
    for (const s of index.skipped.filter((x) => x.error)) io.stderr.write(`iapt pathway: ${visible(s.path)}: ${visible(s.reason)} (skipped)\n`);
    for (const f of index.files.filter((x) => x.problemCount > 0)) {
      const p = f.problems[0];
      io.stderr.write(`iapt pathway: ${visible(f.path)}: ${f.problemCount} reading problem(s), first at line ${p.line}, column ${p.column}: ${visible(p.message)}\n`);
    }
    const matches = index.find(id);
    if (matches.length === 0) {
      io.stderr.write(`iapt pathway: no participant or pathway ${visible(JSON.stringify(id.trim()))} in ${index.stats().files} indexed table file(s)\n`);
      return 1;
    }
    if (matches.length > 1) {
      io.stderr.write(`iapt pathway: ${visible(JSON.stringify(id.trim()))} is ${matches.length} things: `
        + `${matches.map((m) => `${m.kind} of the ${m.layout} extract in ${visible(m.folder)}`).join('; ')}. Give the folder of one extract.\n`);
      return 2;
    }
    const m = matches[0];
    const view = await index.readMatch(m);
    if (format === 'json') io.stdout.write(JSON.stringify(pathwayJson(view), null, 2) + '\n');
    else {
      const extractTables = index.files.filter((f) => f.layout === m.layout && path.dirname(f.path) === m.folder).map((f) => f.tableId);
      io.stdout.write(pathwayText(view, m, extractTables) + '\n');
    }
    return 0;
  },
});

export default command;
