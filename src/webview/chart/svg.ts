// One measure's panel as SVG built with createElementNS: points shaped by appointment type (hollow when the engine
// did not use them), the caseness line, the reliable-change band around the first score, first/last marks.
import type { ChartMeasure, ChartPathway, ChartPoint, Shape } from '../../core/chart/protocol';
import { s } from './dom';

export type XMode = 'date' | 'session';
const HEIGHT = 230;
const M = { left: 46, right: 18, top: 14, bottom: 40 };
const DAY = 86_400_000;

const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;
const dateOfDay = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/** The x value of a point (null when it cannot be placed) and whether its y can be drawn. */
export function xOf(p: ChartPoint, mode: XMode): number | null {
  if (mode === 'session') return p.session;
  return p.date ? dayOf(p.date) + (p.time ? Number(p.time.slice(0, 2)) / 24 : 0) : null;
}
export const plottable = (p: ChartPoint, mode: XMode) => p.value !== null && xOf(p, mode) !== null;

export function shapePath(shape: Shape, x: number, y: number, r: number): string {
  const f = (n: number) => n.toFixed(2);
  const poly = (pts: [number, number][]) => `M${pts.map(([a, b]) => `${f(x + a)},${f(y + b)}`).join('L')}Z`;
  switch (shape) {
    case 'square': return poly([[-r, -r], [r, -r], [r, r], [-r, r]]);
    case 'diamond': { const q = r * 1.35; return poly([[0, -q], [q, 0], [0, q], [-q, 0]]); }
    case 'triangle': { const q = r * 1.35; return poly([[0, -q], [q, q * 0.75], [-q, q * 0.75]]); }
    case 'cross': { const w = r * 0.45; const q = r * 1.2; return poly([[-w, -q], [w, -q], [w, -w], [q, -w], [q, w], [w, w], [w, q], [-w, q], [-w, w], [-q, w], [-q, -w], [-w, -w]]); }
    case 'star': {
      const pts: [number, number][] = [];
      for (let i = 0; i < 10; i++) { const a = -Math.PI / 2 + (i * Math.PI) / 5; const rr = i % 2 ? r * 0.55 : r * 1.4; pts.push([rr * Math.cos(a), rr * Math.sin(a)]); }
      return poly(pts);
    }
    case 'hexagon': {
      const pts: [number, number][] = [];
      for (let i = 0; i < 6; i++) { const a = (i * Math.PI) / 3; pts.push([r * 1.2 * Math.cos(a), r * 1.2 * Math.sin(a)]); }
      return poly(pts);
    }
    default: return `M${f(x - r)},${f(y)}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0Z`;
  }
}

/** Plain-text description of a point (tooltip, aria-label, table). */
export function describePoint(m: ChartMeasure, p: ChartPoint): string {
  const parts = [
    p.date ? `${p.date}${p.time ? ` ${p.time.slice(0, 5)}` : ''}` : 'no date',
    p.session !== null ? `session ${p.session}` : '',
    p.appType ? `${p.appTypeLabel || 'AppType'} (${p.appType})` : 'referral-level score',
    p.attend ? `${p.attendLabel || 'attendance'} (${p.attend})` : '',
    `${m.id} ${p.raw === '' ? '(blank)' : p.raw}`,
    p.band ? p.band : '',
    p.first ? 'first score the engine used' : '',
    p.last ? 'last score the engine used' : '',
    p.used ? '' : `not used: ${p.reason ?? ''}`,
    p.outOfRange ? 'outside the measure\'s range' : '',
  ];
  return parts.filter(Boolean).join(' · ');
}

function ticks(lo: number, hi: number, n: number): number[] {
  const span = hi - lo || 1;
  const raw = span / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((k) => k * mag).find((k) => k >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(Number(v.toFixed(6)));
  return out;
}

export interface PanelHooks {
  onPoint(target: SVGElement, m: ChartMeasure, p: ChartPoint, show: boolean): void;
  onOpen(p: ChartPoint): void;
}

export function renderPanel(pw: ChartPathway, m: ChartMeasure, width: number, mode: XMode, hooks: PanelHooks): SVGSVGElement {
  const W = Math.max(320, Math.floor(width));
  const plotW = W - M.left - M.right;
  const plotH = HEIGHT - M.top - M.bottom;
  const placed = m.points.filter((p) => plottable(p, mode));
  const xs = placed.map((p) => xOf(p, mode)!);
  if (mode === 'date') {
    if (pw.referralDate) xs.push(dayOf(pw.referralDate));
    if (pw.dischargeDate) xs.push(dayOf(pw.dischargeDate));
  }
  let x0 = xs.length ? Math.min(...xs) : 0; let x1 = xs.length ? Math.max(...xs) : 1;
  const pad = mode === 'session' ? 0.5 : Math.max(3, (x1 - x0) * 0.04);
  x0 -= pad; x1 += pad;
  if (x1 === x0) x1 = x0 + 1;
  const ys = placed.map((p) => p.value!);
  let y0 = Math.min(m.min ?? Math.min(0, ...ys), ...ys);
  let y1 = Math.max(m.max ?? Math.max(1, ...ys), ...ys);
  if (m.changeBand) { y0 = Math.min(y0, m.changeBand.low); y1 = Math.max(y1, m.changeBand.high); }
  if (y1 === y0) y1 = y0 + 1;
  const X = (v: number) => M.left + ((v - x0) / (x1 - x0)) * plotW;
  const Y = (v: number) => M.top + (1 - (v - y0) / (y1 - y0)) * plotH;
  const clampY = (v: number) => Math.min(M.top + plotH, Math.max(M.top, Y(v)));

  const used = placed.filter((p) => p.used).length;
  const label = `${m.name} scores of pathway ${pw.pathwayId}: ${m.points.length} score${m.points.length === 1 ? '' : 's'}, ${used} used by the outcome engine`
    + (m.caseness ? `, caseness ${m.caseness.comparison} ${m.caseness.value}` : '');
  const svg = s('svg', { class: 'panel', width: W, height: HEIGHT, viewBox: `0 0 ${W} ${HEIGHT}`, role: 'group', 'aria-label': label, 'data-measure': m.id, 'data-pathway': pw.pathwayId });
  svg.appendChild(s('title', {}, label));
  svg.appendChild(s('rect', { class: 'plot-bg', x: M.left, y: M.top, width: plotW, height: plotH }));

  if (m.changeBand) {
    const top = clampY(m.changeBand.high); const bottom = clampY(m.changeBand.low);
    svg.appendChild(s('rect', { class: 'rc-band', x: M.left, y: top, width: plotW, height: Math.max(0, bottom - top), 'data-low': m.changeBand.low, 'data-high': m.changeBand.high },
      s('title', {}, `reliable-change band: first score ${m.changeBand.around} ± ${m.reliableChange} (${m.changeBand.low} to ${m.changeBand.high})`)));
  }
  // axes and grid
  for (const t of ticks(y0, y1, 5)) {
    svg.appendChild(s('line', { class: 'grid', x1: M.left, x2: M.left + plotW, y1: Y(t), y2: Y(t) }));
    svg.appendChild(s('text', { class: 'tick', x: M.left - 6, y: Y(t) + 4, 'text-anchor': 'end' }, String(t)));
  }
  const xt = mode === 'session'
    ? Array.from({ length: Math.max(0, Math.floor(x1) - Math.ceil(x0) + 1) }, (_, i) => Math.ceil(x0) + i).filter((v, _, a) => a.length <= 16 || v % Math.ceil(a.length / 12) === 0)
    : ticks(x0, x1, Math.max(2, Math.floor(plotW / 110)));
  for (const t of xt) {
    svg.appendChild(s('line', { class: 'tick-mark', x1: X(t), x2: X(t), y1: M.top + plotH, y2: M.top + plotH + 4 }));
    svg.appendChild(s('text', { class: 'tick', x: X(t), y: M.top + plotH + 16, 'text-anchor': 'middle' }, mode === 'session' ? String(t) : dateOfDay(Math.round(t))));
  }
  svg.appendChild(s('text', { class: 'axis-label', x: M.left + plotW / 2, y: HEIGHT - 6, 'text-anchor': 'middle' }, mode === 'session' ? 'session (scoring occasion)' : 'contact date'));
  svg.appendChild(s('line', { class: 'axis', x1: M.left, x2: M.left, y1: M.top, y2: M.top + plotH }));
  svg.appendChild(s('line', { class: 'axis', x1: M.left, x2: M.left + plotW, y1: M.top + plotH, y2: M.top + plotH }));

  if (m.caseness) {
    const y = Y(m.caseness.value);
    svg.appendChild(s('line', { class: 'caseness', x1: M.left, x2: M.left + plotW, y1: y, y2: y, 'data-value': m.caseness.value }));
    svg.appendChild(s('text', { class: 'caseness-label', x: M.left + plotW - 4, y: y - 4, 'text-anchor': 'end' }, `caseness ${m.caseness.comparison} ${m.caseness.value}`));
  }
  if (mode === 'date' && pw.dischargeDate) {
    const x = X(dayOf(pw.dischargeDate));
    svg.appendChild(s('line', { class: 'discharge', x1: x, x2: x, y1: M.top, y2: M.top + plotH }));
    svg.appendChild(s('text', { class: 'discharge-label', x: x - 3, y: M.top + 10, 'text-anchor': 'end' }, 'discharge'));
  }
  // the engine's scores joined in time order
  const trend = placed.filter((p) => p.used).map((p) => `${X(xOf(p, mode)!).toFixed(2)},${Y(p.value!).toFixed(2)}`);
  if (trend.length > 1) svg.appendChild(s('path', { class: 'trend', d: `M${trend.join('L')}` }));

  for (const p of placed) {
    const x = X(xOf(p, mode)!);
    const y = clampY(p.value!);
    const hollow = !p.used && (m.kind === 'outcome' || (p.reason ?? '').startsWith('superseded'));
    const cls = ['pt', hollow ? 'hollow' : 'filled', p.outOfRange ? 'flagged' : '', p.first ? 'first' : '', p.last ? 'last' : ''].filter(Boolean).join(' ');
    const text = describePoint(m, p);
    const g = s('g', {
      class: cls, tabindex: 0, role: 'img', 'aria-label': text,
      'data-point': '', 'data-raw': p.raw, 'data-date': p.date, 'data-used': String(p.used), 'data-first': String(p.first),
      'data-last': String(p.last), 'data-reason': p.reason ?? '', 'data-measure': m.id, 'data-pathway': pw.pathwayId,
    });
    if (p.first || p.last) g.appendChild(s('circle', { class: 'mark', cx: x, cy: y, r: 10 }));
    g.appendChild(s('path', { class: 'shape', d: shapePath(p.shape, x, y, 5) }));
    if (p.outOfRange) g.appendChild(s('text', { class: 'flag-label', x: x + 8, y: y + 4 }, `! ${p.raw}`));
    const tag = p.first && !m.paired ? 'first · unpaired' : p.first ? 'first' : p.last ? 'last' : '';
    if (tag) g.appendChild(s('text', { class: 'mark-label', x, y: y - 14, 'text-anchor': 'middle' }, tag));
    g.appendChild(s('title', {}, text));
    g.addEventListener('mouseenter', () => hooks.onPoint(g, m, p, true));
    g.addEventListener('mouseleave', () => hooks.onPoint(g, m, p, false));
    g.addEventListener('focus', () => hooks.onPoint(g, m, p, true));
    g.addEventListener('blur', () => hooks.onPoint(g, m, p, false));
    g.addEventListener('keydown', (e) => { if (e.key === 'Enter') hooks.onOpen(p); });
    g.addEventListener('dblclick', () => hooks.onOpen(p));
    svg.appendChild(g);
  }
  return svg;
}

/** Legend of marker shapes used in a panel (plus hollow / first-last meaning). */
export function renderLegend(shapes: { shape: Shape; label: string }[]): SVGSVGElement {
  const items = [...shapes, { shape: 'circle' as Shape, label: 'hollow: not used by the engine', hollow: true }];
  const W = items.reduce((w, i) => w + 26 + i.label.length * 6.5, 0) + 10;
  const svg = s('svg', { class: 'legend', width: Math.ceil(W), height: 22, role: 'img', 'aria-label': `Legend: ${items.map((i) => i.label).join(', ')}` });
  let x = 8;
  for (const i of items) {
    svg.appendChild(s('path', { class: `pt-legend ${'hollow' in i ? 'hollow' : 'filled'}`, d: shapePath(i.shape, x + 5, 11, 5) }));
    svg.appendChild(s('text', { class: 'tick', x: x + 16, y: 15 }, i.label));
    x += 26 + i.label.length * 6.5;
  }
  return svg;
}
