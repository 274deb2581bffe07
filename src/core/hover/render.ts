// Renders a CellHover as markdown for the editor hover. Every string that comes from the file or from a
// dictionary (built-in or user-supplied) goes through escapeMarkdown; only this file's own markup is live.
import { CODE_SYSTEM_NAMES, UKLLC_ANY_TABLE } from '../dictionary';
import type { CellHover, CodeHover, FieldHover, ScoreHover } from './model';
import { clip, escapeMarkdown } from './escapeMarkdown';


/**
 * Escaped text; spaces at its ends shown as '␠': a space just inside '**…**' or '*…*' would stop the delimiters
 * from counting as emphasis, so data could change the hover's own markup (and ' 46' is not the code '46').
 */
const e = (text: string, max?: number): string => escapeMarkdown(clip(text, max)).replace(/^\s+|\s+$/g, (m) => '␠'.repeat(m.length));
const versions = (v: readonly string[]): string => v.map((x) => `v${x}`).join(' and ');

export function renderHoverMarkdown(h: CellHover): string {
  const parts: string[] = [];
  if (h.kind === 'data') parts.push(...renderValue(h));
  parts.push(...renderColumn(h));
  parts.push(renderTable(h));
  return parts.join('\n\n');
}

function renderValue(h: CellHover): string[] {
  const value = h.value ?? '';
  if (h.missingCell) return [`*No value: this row has fewer cells than the header.*`];
  if (value.trim() === '') return ['*Empty value*'];
  const shown = `**${e(value, 120)}**`;
  if (h.score) return renderScore(shown, h.score);
  if (h.code) return renderCode(shown, h.code, h.table.version);
  if (!h.field) return [`${shown}, in an unknown column`];
  return [shown];
}

function renderCode(shown: string, c: CodeHover, fileVersion: CellHover['table']['version']): string[] {
  const list = c.codelist ? `code list ${e(c.codelist)}` : 'its code list';
  const system = c.system ? ` · ${e(CODE_SYSTEM_NAMES[c.system] ?? c.system)}` : '';
  const out: string[] = [];
  if (c.status === 'valid' || c.status === 'valid-no-meaning') {
    out.push(c.meaning !== null ? `${shown} — ${e(c.meaning, 300)}` : `${shown} — valid code (the source gives no meaning)`);
    if (c.matched) out.push(`Grouped as ${e(c.matched, 120)}`);
    const mismatch = fileVersion !== 'unknown' && !c.versions.includes(fileVersion) ? ` · **not valid in v${fileVersion}**, the version this file looks like` : '';
    out.push(`In ${list}${system} · valid in ${versions(c.versions)}${mismatch}`);
  } else if (c.status === 'not-in-codelist') {
    out.push(c.meaning !== null ? `${shown} — ${e(c.meaning, 300)}, **not valid** here` : `${shown} — **not in ${list}**`);
    if (c.meaning !== null) out.push(`Listed in ${list}${system} but not valid in data set v2.0 or v2.1`);
    else if (system) out.push(`Code system${system.replace(' ·', ':')}`);
  }
  if (c.assessment) {
    const range = c.assessment.min !== null && c.assessment.max !== null ? `, scores ${c.assessment.min}–${c.assessment.max}` : '';
    out.push(`Assessment: ${e(c.assessment.name)}${range}`);
  }
  if (c.note) out.push(`*${e(c.note, 300)}*`);
  return out;
}

function renderScore(shown: string, s: ScoreHover): string[] {
  const out: string[] = [];
  const measure = s.measure ? e(s.measure.name) : null;
  const range = s.range ? `${s.range.min}–${s.range.max}` : null;
  if (s.answer && !s.answer.accepted) {
    out.push(`${shown} — **not an accepted answer** for ${measure ?? 'this measure'} (accepted: ${s.answer.codes.map((c) => e(c)).join(', ')})`);
  } else if (s.answer && s.inRange === null) {
    out.push(`${shown} — accepted answer code for ${measure ?? 'this measure'}`);
  } else if (s.score === null) {
    out.push(`${shown} — not a number${measure ? ` (a ${measure} score was expected)` : ''}`);
  } else if (s.inRange === false) {
    out.push(`${shown} — **out of range**${measure ? ` for ${measure}` : ''}: valid scores are ${range}`);
  } else if (measure) {
    const band = s.band ? ` — **${e(s.band.label)}** (${s.band.min}–${s.band.max})` : '';
    out.push(`${shown} — ${measure} score${band}`);
  } else out.push(shown);
  if (s.caseness) {
    const rule = `${s.caseness.comparison === '>=' ? '≥' : '>'} ${s.caseness.threshold}`;
    out.push(s.caseness.atCaseness ? `At caseness (${measure} ${rule})` : `Below caseness (${measure} caseness is ${rule})`);
  }
  const facts: string[] = [];
  if (s.measure?.from === 'tool-column' && s.measure.toolColumn) facts.push(`measure from this row's ${e(s.measure.toolColumn)} ${e(s.measure.snomed ?? '')}`);
  if (s.measure?.from === 'derived-field') facts.push('measure from the column name');
  if (range && s.inRange !== false) facts.push(`range ${range}`);
  if (s.band?.note) facts.push(e(s.band.note));
  if (facts.length) out.push(facts.join(' · '));
  if (s.reason) out.push(`*${e(s.reason)}*`);
  return out;
}

function renderColumn(h: CellHover): string[] {
  const f: FieldHover | null = h.field;
  if (!f) return [`Column **${e(h.header)}**: not in the IAPT dictionary (unknown column)`];
  const written = h.header.trim();
  const names = written === f.name ? `**${e(f.name)}**` : `**${e(written)}** (${h.table.layout === 'ukllc' ? 'NHS name ' : ''}${e(f.name)})`;
  const out = [`Column ${names} — ${e(f.label)}`];
  const facts: string[] = [];
  facts.push(f.type);
  if (f.codelist) facts.push(h.kind === 'header' ? `code list ${e(f.codelist.id)}: ${e(f.codelist.label)}` : `code list ${e(f.codelist.id)}`);
  if (f.range && h.kind === 'header') facts.push(`range ${f.range.min}–${f.range.max}`);
  facts.push(f.tableId === UKLLC_ANY_TABLE ? 'UK LLC column' : f.origin === 'derived' ? 'derived by NHS England' : 'submitted item');
  if (h.table.layout === 'ukllc' && f.ukllcNameStatus === 'inferred') facts.push('UK LLC name inferred');
  if (f.mandatory === true) facts.push('mandatory');
  if (f.versions.length) facts.push(`in ${versions(f.versions)}`);
  out.push(facts.join(' · '));
  if (f.note && h.kind === 'header') out.push(`*${e(f.note, 400)}*`);
  return out;
}

function renderTable(h: CellHover): string {
  const t = h.table;
  // the version only when it says something: a likely version, or a header mixing both (never a bare "unknown")
  const names = (list: readonly string[]) => e(list.slice(0, 2).join(', ') + (list.length > 2 ? ', …' : ''));
  const version = t.version !== 'unknown' ? ` · data set v${t.version}`
    : t.versionMix ? ` · columns of data set v2.0 (${names(t.versionMix['2.0'])}) and v2.1 (${names(t.versionMix['2.1'])})` : '';
  if (t.layout === 'ukllc') {
    const from = h.field ? ` · field of ${e(h.field.tableId)}${h.field.tableName ? ` ${e(h.field.tableName)}` : ''}` : '';
    return `Table ${e(t.id)} (UK LLC, from ${e(t.nhsTables.join(', '))})${from}${version}`;
  }
  return `Table ${e(t.id)}${t.name ? ` ${e(t.name)}` : ''}${version}`;
}
