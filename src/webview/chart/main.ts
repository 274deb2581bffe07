// Score chart webview (browser). Receives ChartData by postMessage (validated with zod), renders it with DOM APIs and
// SVG elements (text nodes only, no innerHTML), keeps its view state for restore, and sends exports back to the extension.
import {
  fromWebviewSchema, toWebviewSchema, viewStateSchema,
  type ChartData, type ChartMeasure, type ChartPathway, type ChartPoint, type ChartViewState, type DomPoint, type FromWebview, type Shape,
} from '../../core/chart/protocol';
import { clear, h } from './dom';
import { composeSvg, svgToPng } from './exporter';
import { describePoint, plottable, renderLegend, renderPanel, type XMode } from './svg';
import { renderTables } from './table';

interface VsCodeApi { postMessage(m: unknown): void; getState(): unknown; setState(s: unknown): void }
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const restored = viewStateSchema.safeParse(vscode.getState() ?? {});
let state: ChartViewState = restored.success ? restored.data : { x: 'date', view: 'chart' };
let data: ChartData | null = null;

function post(m: FromWebview): void {
  const checked = fromWebviewSchema.safeParse(m);
  if (checked.success) vscode.postMessage(checked.data);
}
function saveState(): void { vscode.setState(state); }

// ---- page skeleton ----
const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
const viewButton = h('button', { type: 'button', 'aria-pressed': 'false' }, 'Table view');
const xButton = h('button', { type: 'button', 'aria-pressed': 'false' }, 'X axis: session number');
const pngButton = h('button', { type: 'button' }, 'Export PNG…');
const svgButton = h('button', { type: 'button' }, 'Export SVG…');
const csvButton = h('button', { type: 'button' }, 'Copy data as CSV');
const toolbar = h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Chart actions' }, viewButton, xButton, pngButton, svgButton, csvButton);
const heading = h('h1', {}, 'IAPT scores');
const content = h('main', { class: 'content' });
const tooltip = h('div', { class: 'tooltip', role: 'tooltip', hidden: true });
document.body.append(heading, toolbar, status, content, tooltip);

function setStatus(text: string): void { status.textContent = text; }

viewButton.addEventListener('click', () => { state = { ...state, view: state.view === 'chart' ? 'table' : 'chart' }; saveState(); render(); });
xButton.addEventListener('click', () => { state = { ...state, x: state.x === 'date' ? 'session' : 'date' }; saveState(); render(); });
csvButton.addEventListener('click', () => post({ type: 'copyCsv' }));
svgButton.addEventListener('click', () => exportAs('svg'));
pngButton.addEventListener('click', () => exportAs('png'));

async function exportAs(format: 'png' | 'svg'): Promise<void> {
  if (!data) return;
  if (state.view !== 'chart') { state = { ...state, view: 'chart' }; saveState(); render(); }
  try {
    const { svg, width, height } = composeSvg(content, data.title);
    post({ type: 'export', format, content: format === 'svg' ? svg : await svgToPng(svg, width, height) });
  } catch (err) {
    setStatus(`Export failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

// ---- rendering ----
const yesNo = (v: boolean | null) => (v === null ? 'unknown' : v ? 'yes' : 'no');

function verdictLine(pw: ChartPathway): HTMLElement {
  const v = pw.verdict;
  const items: [string, string, string][] = [
    ['Finished course', v.finishedCourse ? `yes (${v.treatmentAppointments} treatment appointments)` : `no${v.exclusion ? ` (${v.exclusion})` : ''}`, v.finishedCourse ? 'yes' : 'no'],
  ];
  if (v.finishedCourse) {
    items.push(['Caseness', yesNo(v.caseness), yesNo(v.caseness)]);
    for (const [label, value] of [['Recovery', v.recovery], ['Reliable improvement', v.reliableImprovement], ['Reliable deterioration', v.reliableDeterioration],
      ['No reliable change', v.noReliableChange], ['Reliable recovery', v.reliableRecovery]] as [string, boolean | null][]) {
      items.push([label, yesNo(value), yesNo(value)]);
    }
  }
  if (v.anxietyMeasure) items.push(['Anxiety measure', v.anxietyMeasure, 'info']);
  if (v.presentingComplaint) items.push(['Presenting complaint', v.presentingComplaint, 'info']);
  return h('ul', { class: 'verdict', 'aria-label': `Outcome of pathway ${pw.pathwayId}` },
    ...items.map(([k, val, cls]) => h('li', { class: `badge ${cls === 'yes' ? 'yes' : cls === 'no' ? 'no' : 'info'}` }, h('span', { class: 'k' }, `${k}: `), val)));
}

function legendFor(m: ChartMeasure): SVGSVGElement {
  const seen = new Map<Shape, string>();
  for (const p of m.points) if (!seen.has(p.shape)) seen.set(p.shape, p.appType ? `${p.appTypeLabel || 'AppType'} (${p.appType})` : 'referral level');
  return renderLegend([...seen].map(([shape, label]) => ({ shape, label })));
}

function showTip(target: SVGElement, m: ChartMeasure, p: ChartPoint, show: boolean): void {
  if (!show) { tooltip.hidden = true; return; }
  clear(tooltip);
  for (const line of describePoint(m, p).split(' · ')) tooltip.appendChild(h('div', {}, line));
  tooltip.hidden = false;
  const r = target.getBoundingClientRect();
  // CSSOM positioning (allowed by the CSP, unlike style attributes)
  tooltip.style.left = `${Math.min(window.innerWidth - 260, Math.max(4, r.left + window.scrollX + 12))}px`;
  tooltip.style.top = `${r.bottom + window.scrollY + 6}px`;
}

const openRow = (file: string, line: number) => post({ type: 'reveal', file, line });

function renderCharts(d: ChartData): HTMLElement {
  const width = Math.max(320, content.clientWidth - 8);
  const mode: XMode = state.x;
  const root = h('div', { class: 'charts' });
  for (const pw of d.pathways) {
    const section = h('section', { class: 'pathway', 'aria-label': `Pathway ${pw.pathwayId}` },
      h('h2', {}, `Pathway ${pw.pathwayId}`, h('span', { class: 'dates' }, ` ${pw.referralDate || '?'} → ${pw.dischargeDate || 'open'}`)),
      verdictLine(pw));
    if (pw.measures.length === 0) section.appendChild(h('p', { class: 'empty' }, 'No scores recorded for this pathway.'));
    for (const m of pw.measures) {
      const caption = `${m.name}${m.kind === 'context' ? ' (context, not an outcome measure)' : m.verdictMeasure ? ' (used for the verdict)' : ''}`;
      const figure = h('figure', { class: `measure ${m.verdictMeasure ? 'verdict-measure' : ''}` },
        h('figcaption', {}, caption),
        renderPanel(pw, m, width, mode, { onPoint: showTip, onOpen: (p) => openRow(p.file, p.line) }),
        legendFor(m));
      const unplaced = m.points.filter((p) => !plottable(p, mode));
      if (unplaced.length) {
        figure.appendChild(h('div', { class: 'unplaced' }, h('p', {}, `Not drawn (${unplaced.length}): no ${mode === 'date' ? 'date' : 'session'} or not a number`),
          h('ul', {}, ...unplaced.map((p) => h('li', {
            'data-point': '', 'data-raw': p.raw, 'data-date': p.date, 'data-used': String(p.used), 'data-first': String(p.first),
            'data-last': String(p.last), 'data-reason': p.reason ?? '', 'data-measure': m.id, 'data-pathway': pw.pathwayId,
          }, describePoint(m, p))))));
      }
      for (const n of m.notes) figure.appendChild(h('p', { class: 'note' }, n));
      section.appendChild(figure);
    }
    const notes = [...pw.verdict.notes, ...pw.notes];
    if (notes.length) section.appendChild(h('ul', { class: 'notes', 'aria-label': 'Notes' }, ...notes.map((n) => h('li', {}, n))));
    root.appendChild(section);
  }
  return root;
}

function render(): void {
  viewButton.textContent = state.view === 'chart' ? 'Table view' : 'Chart view';
  viewButton.setAttribute('aria-pressed', String(state.view === 'table'));
  xButton.textContent = state.x === 'date' ? 'X axis: session number' : 'X axis: contact date';
  xButton.setAttribute('aria-pressed', String(state.x === 'session'));
  xButton.disabled = state.view !== 'chart';
  const ready = Boolean(data && !data.empty);
  for (const b of [pngButton, svgButton, csvButton, viewButton]) b.disabled = !ready;
  clear(content);
  tooltip.hidden = true;
  if (!data) return;
  heading.textContent = data.title;
  document.title = data.title;
  if (data.empty) { content.appendChild(h('p', { class: 'empty' }, data.empty)); return; }
  content.appendChild(state.view === 'chart' ? renderCharts(data) : renderTables(data, openRow));
}

// ---- resize ----
let lastWidth = 0;
let pending = 0;
new ResizeObserver(() => {
  const w = content.clientWidth;
  if (Math.abs(w - lastWidth) < 8 || state.view !== 'chart') return;
  lastWidth = w;
  cancelAnimationFrame(pending);
  pending = requestAnimationFrame(render);
}).observe(content);

// ---- messages ----
function describeDom(requestId: number): void {
  const points: DomPoint[] = [...content.querySelectorAll<HTMLElement | SVGElement>('[data-point]')].map((e) => ({
    pathway: e.getAttribute('data-pathway') ?? '', measure: e.getAttribute('data-measure') ?? '', raw: e.getAttribute('data-raw') ?? '',
    date: e.getAttribute('data-date') ?? '', used: e.getAttribute('data-used') === 'true', first: e.getAttribute('data-first') === 'true',
    last: e.getAttribute('data-last') === 'true', reason: e.getAttribute('data-reason') ?? '',
  }));
  post({ type: 'dom', requestId, view: state.view, x: state.x, points, text: document.body.textContent ?? '', scripts: [...document.querySelectorAll('script')].map((e) => e.src || (e.textContent ?? '').slice(0, 80)), images: document.querySelectorAll('img, iframe, object, embed').length,
    csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '' });
}

window.addEventListener('message', (event: MessageEvent) => {
  const parsed = toWebviewSchema.safeParse(event.data);
  if (!parsed.success) { setStatus('Ignored a malformed message.'); return; }
  const m = parsed.data;
  switch (m.type) {
    case 'data':
      data = m.data;
      state = { ...state, selection: m.data.selection };
      saveState();
      setStatus('');
      render();
      break;
    case 'loading':
      state = { ...state, selection: m.selection };
      saveState();
      setStatus(m.message);
      break;
    case 'error': setStatus(m.message); break;
    case 'saved': setStatus(m.message); break;
    case 'describe': describeDom(m.requestId); break;
    case 'export': void exportAs(m.format); break;
  }
});

render();
post({ type: 'ready' });
