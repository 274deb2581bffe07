// The table view of the same numbers: one table per pathway, keyboard navigable (arrow keys move between cells,
// Home/End along a row) and labelled for screen readers (caption, column headers, row headers).
import type { ChartData } from '../../core/chart/protocol';
import { h } from './dom';

const COLUMNS = ['Measure', 'Session', 'Date', 'Appointment type', 'Attendance', 'Score', 'Severity band', 'Engine use', 'Source'];

export function renderTables(data: ChartData, onOpen: (file: string, line: number) => void): HTMLElement {
  const root = h('div', { class: 'tables' });
  for (const pw of data.pathways) {
    const rows = pw.measures.flatMap((m) => m.points.map((p) => ({ m, p })));
    const table = h('table', { class: 'data', 'aria-label': `Scores of pathway ${pw.pathwayId}` },
      h('caption', {}, `Pathway ${pw.pathwayId}: ${rows.length} score${rows.length === 1 ? '' : 's'} (arrow keys move between cells; Enter on a source opens the row)`),
      h('thead', {}, h('tr', {}, ...COLUMNS.map((c) => h('th', { scope: 'col' }, c)))));
    const body = h('tbody');
    for (const { m, p } of rows) {
      const use = p.used ? [p.first ? 'first' : '', p.last ? 'last' : '', 'used'].filter(Boolean).join(', ') : `not used: ${p.reason ?? ''}`;
      const source = h('button', { class: 'link', type: 'button', 'aria-label': `open ${p.file} line ${p.line}` }, `${p.file.split(/[\\/]/).pop() ?? p.file}:${p.line}`);
      source.addEventListener('click', () => onOpen(p.file, p.line));
      body.appendChild(h('tr', {
        'data-point': '', 'data-raw': p.raw, 'data-date': p.date, 'data-used': String(p.used), 'data-first': String(p.first),
        'data-last': String(p.last), 'data-reason': p.reason ?? '', 'data-measure': m.id, 'data-pathway': pw.pathwayId,
        class: p.used ? '' : 'unused',
      },
      h('th', { scope: 'row' }, m.id),
      h('td', {}, p.session === null ? '' : String(p.session)),
      h('td', {}, `${p.date}${p.time ? ` ${p.time.slice(0, 5)}` : ''}`),
      h('td', {}, p.appType ? `${p.appTypeLabel} (${p.appType})` : 'referral level'),
      h('td', {}, p.attend ? `${p.attendLabel} (${p.attend})` : ''),
      h('td', { class: p.outOfRange ? 'num flagged' : 'num' }, p.raw),
      h('td', {}, p.band ?? ''),
      h('td', {}, use),
      h('td', {}, source)));
    }
    table.appendChild(body);
    makeGridNavigable(table);
    root.appendChild(h('section', { class: 'pathway-table' }, table));
  }
  return root;
}

/** Roving tabindex over the table's cells: one tab stop, arrows move. */
function makeGridNavigable(table: HTMLTableElement): void {
  const cells = () => [...table.querySelectorAll<HTMLElement>('tr')].map((r) => [...r.querySelectorAll<HTMLElement>('th, td')]);
  const grid = cells();
  grid.flat().forEach((c) => c.setAttribute('tabindex', '-1'));
  if (grid[0]?.[0]) grid[0][0].setAttribute('tabindex', '0');
  table.addEventListener('keydown', (e) => {
    const target = (e.target as HTMLElement).closest('th, td') as HTMLElement | null;
    if (!target) return;
    const g = cells();
    const r = g.findIndex((row) => row.includes(target));
    const c = g[r].indexOf(target);
    let nr = r; let nc = c;
    if (e.key === 'ArrowDown') nr = Math.min(g.length - 1, r + 1);
    else if (e.key === 'ArrowUp') nr = Math.max(0, r - 1);
    else if (e.key === 'ArrowRight') nc = c + 1;
    else if (e.key === 'ArrowLeft') nc = Math.max(0, c - 1);
    else if (e.key === 'Home') nc = 0;
    else if (e.key === 'End') nc = g[r].length - 1;
    else if (e.key === 'Enter') { target.querySelector('button')?.click(); return; }
    else return;
    e.preventDefault();
    const next = g[nr][Math.min(nc, g[nr].length - 1)];
    target.setAttribute('tabindex', '-1');
    next.setAttribute('tabindex', '0');
    next.focus();
  });
}
