// Human-readable summary of an outcome run (CLI stdout and the editor's summary document).
import type { OutcomeResult } from './compute';
import { visible } from '../text/visible';
import { formatPlace } from './issues';

const pct = (r: number | null): string => (r === null ? 'n/a' : `${r.toFixed(1)}%`);
/**
 * File content shown as inline code, so it can never become markup: control and bidi characters made visible,
 * backticks (which would end the code span) replaced by spaces, and '|' escaped (in a table row an unescaped '|' ends the
 * cell even inside a code span, letting the rest render as markdown; markdown-it and GFM read '\|' as '|').
 */
const code = (s: string): string => `\`${visible(s).replace(/`/g, ' ').slice(0, 80).replace(/\|/g, '\\|')}\``;
/**
 * A warning or note (the engine's own words) with the file names it mentions shown as inline code: those names
 * come from the user's disk and could hold markup.
 */
function prose(s: string, names: readonly string[]): string {
  const list = [...new Set(names)].filter((n) => n !== '').sort((a, b) => b.length - a.length);
  if (list.length === 0) return visible(s);
  const re = new RegExp(`(${list.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`);
  return s.split(re).map((part, i) => (i % 2 === 1 ? code(part) : visible(part))).join('');
}

export interface ReportOptions {
  /** disagreements listed one by one (default 20) */
  maxDisagreements?: number;
}

export function formatOutcomeReport(r: OutcomeResult, opts: ReportOptions = {}): string {
  const s = r.summary;
  const L: string[] = [];
  const period = r.period?.from || r.period?.to ? ` (discharged ${r.period.from ?? '…'} to ${r.period.to ?? '…'})` : '';
  L.push(`# IAPT outcomes${period}`, '');
  L.push(`Pathways: ${r.pathways.length}; basis: ${r.basis === 'scores' ? 'recomputed from session-level scores' : 'NHS derived first/last scores (no session-level scores in the extract)'}; thresholds v${r.thresholdsVersion}.`, '');
  L.push('| measure | count | denominator | rate |', '|---|---:|---|---:|');
  const recDen = s.finished - s.not_at_caseness;
  L.push(`| finished a course of treatment | ${s.finished} | | |`);
  L.push(`| at caseness | ${s.at_caseness} | | |`);
  L.push(`| not at caseness | ${s.not_at_caseness} | | |`);
  L.push(`| recovered | ${s.recovered} | finished − not at caseness = ${recDen} | ${pct(s.recovery_rate)} |`);
  L.push(`| reliable improvement | ${s.reliable_improvement} | finished = ${s.finished} | ${pct(s.reliable_improvement_rate)} |`);
  L.push(`| reliable recovery | ${s.reliable_recovery} | finished − not at caseness = ${recDen} | ${pct(s.reliable_recovery_rate)} |`);
  L.push(`| reliable deterioration | ${s.reliable_deterioration} | finished = ${s.finished} | ${pct(s.reliable_deterioration_rate)} |`);
  L.push(`| no reliable change | ${s.no_reliable_change} | finished = ${s.finished} | ${pct(s.no_reliable_change_rate)} |`);
  L.push('', 'Rates use NHS England\'s denominators; the summary JSON holds the unrounded percentages.', '');

  L.push('## Pathways not in the finished-course cohort');
  const ex = Object.entries(r.exclusions).sort((a, b) => b[1] - a[1]);
  if (ex.length === 0) L.push('- none');
  for (const [reason, n] of ex) L.push(`- ${reason}: ${n}`);
  L.push('');

  L.push(`## Derived-field disagreements: ${r.disagreementCount}`);
  const fields = Object.entries(r.disagreementsByField).sort((a, b) => b[1] - a[1]);
  for (const [f, n] of fields) L.push(`- ${f}: ${n}`);
  const max = opts.maxDisagreements ?? 20;
  if (r.disagreements.length && max > 0) {
    L.push('', '| pathway | field | extract | recomputed | where |', '|---|---|---|---|---|');
    for (const d of r.disagreements.slice(0, max)) {
      L.push(`| ${code(d.pathwayId)} | ${d.field} | ${code(d.extract)} | ${code(d.computed)} | ${code(`${d.file}:${d.line}`)} |`);
    }
    if (r.disagreementCount > max) L.push('', `… and ${r.disagreementCount - max} more.`);
  }
  L.push('');

  L.push(...badInputLines(r), '');

  L.push('## Warnings');
  const notes = new Map<string, number>();
  for (const p of r.pathways) for (const n of p.notes) notes.set(n, (notes.get(n) ?? 0) + 1);
  if (r.warnings.length === 0 && notes.size === 0) L.push('- none');
  const names = r.tables.map((t) => t.name);
  for (const w of r.warnings) L.push(`- ${prose(w, names)}`);
  for (const [n, k] of notes) L.push(`- ${k} pathway(s): ${prose(n, names)}`);
  L.push('', '## Tables');
  for (const t of r.tables) L.push(`- ${code(t.name)}: ${t.tableId} (${t.layout})${t.used ? '' : ' — not needed for outcomes'}`);
  return `${L.join('\n')}\n`;
}

/**
 * The "Bad input" section: rows read = used + ignored, every ignored row counted by reason with file:line examples,
 * then the rows kept with a problem (the bad field treated as unknown). Shared by the CLI report and the output channel.
 */
export function badInputLines(r: OutcomeResult): string[] {
  const st = r.stats;
  const L: string[] = [`## Bad input: ${st.rowsRead} rows read = ${st.rowsUsed} used + ${st.rowsIgnored} ignored`];
  const line = (g: OutcomeResult['issues'][number]) =>
    `- ${g.kind} (${g.count}): ${g.message}. e.g. ${g.examples.map((e) => `${code(formatPlace(e))}${e.value ? ` ${code(e.value)}` : ''}`).join(', ')}`;
  const skipped = r.issues.filter((g) => g.skipped);
  const setAside = r.setAside ?? [];
  L.push('', `Ignored because something is wrong: ${skipped.reduce((n, g) => n + g.count, 0)}`);
  for (const g of skipped) L.push(line(g));
  L.push('', `Set aside by a rule (nothing wrong with them): ${setAside.reduce((n, g) => n + g.count, 0)}`);
  for (const g of setAside) L.push(line(g));
  const kept = r.issues.filter((g) => !g.skipped);
  L.push('', `Used, with a problem reported (the bad field treated as unknown): ${kept.reduce((n, g) => n + g.count, 0)}`);
  for (const g of kept) L.push(line(g));
  const nc = st.scoresNotCounted;
  L.push('', `Scores used: ${st.scoresUsed}; not counted: ${nc['contact not attended']} at contacts not attended, ${nc['after discharge']} after discharge, ${nc['no date']} without a date, ${nc['unknown contact']} of an unknown care activity; other assessments (not outcome measures): ${st.otherAssessments}.`);
  if (st.earlierExtractRows) L.push(`UK LLC rows of earlier extract periods set aside (de-duplication): ${st.earlierExtractRows}.`);
  return L;
}
