// "IAPT: Plot Scores": one webview panel showing a participant's or pathway's scores session by session, with the
// outcome engine's rules drawn on it. Thin adapter: the data comes from core/chart (prepareChart over the rows the
// linked-tables index re-reads), the drawing from the browser bundle dist/webview/chart.js.
// Security: strict CSP with a per-load nonce, scripts only in this panel, resources only from dist/webview,
// messages validated with zod both ways, file actions limited to the files the chart was built from.
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { cellAt } from '../core/csv';
import {
  chartCsv, fromWebviewSchema, prepareChart, selectionForCell, selectionSchema, viewStateSchema,
  type ChartData, type ChartSelection, type FromWebview, type ToWebview,
} from '../core/chart';
import type { LinkedPathway } from '../core/linking/types';
import { writeFileAtomic } from '../core/files';
import { thresholdsWith } from '../core/outcomes';
import type { CsvDocuments } from './csvDocuments';

export const PLOT_SCORES_COMMAND = 'iapt.plotScores';
export const PLOT_SCORES_AT_CURSOR_COMMAND = 'iapt.plotScoresAtCursor';
export const CHART_VIEW_TYPE = 'iapt.scoreChart';

/** Where the chart gets linked rows: the workspace index of the linked-tables feature plugs in here. */
export interface ChartSource {
  lookup(selection: ChartSelection, token: vscode.CancellationToken): Promise<LinkedPathway[] | undefined>;
  /** type-to-search choice of a participant or pathway */
  pick?(): Promise<ChartSelection | undefined>;
  /** fires when indexed files change */
  onDidChange?: vscode.Event<unknown>;
}

export type DomDescription = Extract<FromWebview, { type: 'dom' }>;

/** Small API for tests and other features. */
export interface ChartApi {
  setSource(source: ChartSource): void;
  show(selection: ChartSelection): Promise<ChartData | undefined>;
  /** what the webview has rendered (asked of the webview itself); undefined when no panel answers in time */
  describe(timeoutMs?: number): Promise<DomDescription | undefined>;
  /** export through the webview to `file` without a dialog; resolves with the path written */
  exportTo(format: 'png' | 'svg', file: string): Promise<string>;
  current(): { selection?: ChartSelection; data?: ChartData; visible: boolean } | undefined;
}

/** Command arguments accepted: a selection, an ID string, or a tree node / object naming the pathway or participant. */
export function selectionFromArg(arg: unknown): ChartSelection | undefined {
  if (typeof arg === 'string' && arg.trim()) return { kind: 'pathway', id: arg.trim() };
  if (!arg || typeof arg !== 'object') return undefined;
  const direct = selectionSchema.safeParse(arg);
  if (direct.success) return direct.data;
  const o = arg as Record<string, unknown>;
  if (typeof o.pathwayId === 'string' && o.pathwayId) return { kind: 'pathway', id: o.pathwayId };
  if (typeof o.participantId === 'string' && o.participantId) return { kind: 'participant', id: o.participantId };
  // a node of the linked-tables tree: { kind: 'pathway', pathway: { pathwayId } } / { kind: 'participant', view: { participantId } }
  for (const inner of [o.pathway, o.view]) if (inner && typeof inner === 'object') { const s = selectionFromArg(inner); if (s) return s; }
  return undefined;
}

const nonce = () => randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, '');

class ChartPanel implements vscode.Disposable {
  selection?: ChartSelection;
  data?: ChartData;
  private files = new Set<string>();
  private watchers: vscode.Disposable[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private reloadTimer: NodeJS.Timeout | undefined;
  private loading: vscode.CancellationTokenSource | undefined;
  private nextRequest = 1;
  private readonly pendingDom = new Map<number, (d: DomDescription) => void>();
  private pendingExport: { file: string; resolve: (f: string) => void; reject: (e: Error) => void } | undefined;
  private readyWaiters: (() => void)[] = [];
  private ready = false;

  constructor(readonly panel: vscode.WebviewPanel, private readonly host: ChartHost) {
    const root = vscode.Uri.joinPath(host.context.extensionUri, 'dist', 'webview');
    panel.webview.options = { enableScripts: true, localResourceRoots: [root] };
    panel.iconPath = vscode.Uri.joinPath(host.context.extensionUri, 'media', 'chart.svg');
    panel.webview.html = this.html(root);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => { void this.receive(m); }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  private html(root: vscode.Uri): string {
    const w = this.panel.webview;
    const n = nonce();
    const js = w.asWebviewUri(vscode.Uri.joinPath(root, 'chart.js'));
    const css = w.asWebviewUri(vscode.Uri.joinPath(root, 'chart.css'));
    const csp = [`default-src 'none'`, `script-src 'nonce-${n}'`, `style-src ${w.cspSource} 'nonce-${n}'`, `img-src data:`, `font-src ${w.cspSource}`].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${n}" href="${css.toString()}">
<title>IAPT scores</title>
</head>
<body>
<script nonce="${n}" src="${js.toString()}"></script>
</body>
</html>`;
  }

  post(m: ToWebview): void { void this.panel.webview.postMessage(m); }

  private whenReady(): Promise<void> {
    return this.ready ? Promise.resolve() : new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  async load(selection: ChartSelection): Promise<ChartData | undefined> {
    this.selection = selection;
    this.panel.title = `Scores: ${selection.id}`;
    this.loading?.cancel();
    const cts = (this.loading = new vscode.CancellationTokenSource());
    this.post({ type: 'loading', selection, message: `Reading the linked rows of ${selection.kind} ${selection.id}…` });
    const source = this.host.source;
    if (!source) {
      const message = 'The workspace index of linked tables is not available yet, so the chart cannot find this ID.';
      this.post({ type: 'error', message });
      return undefined;
    }
    try {
      const pathways = await source.lookup(selection, cts.token);
      if (cts.token.isCancellationRequested) return undefined;
      const data = prepareChart(selection, pathways ?? [], { thresholds: this.host.thresholds() });
      this.data = data;
      this.watch(pathways ?? []);
      await this.whenReady();
      this.post({ type: 'data', data });
      return data;
    } catch (err) {
      const message = `Could not build the chart for ${selection.kind} ${selection.id}: ${err instanceof Error ? err.message : String(err)}`;
      this.host.log.error(message);
      this.post({ type: 'error', message });
      return undefined;
    }
  }

  /** Reload when a file the chart was built from changes, is created or deleted (debounced). */
  private watch(pathways: LinkedPathway[]): void {
    const files = new Set<string>();
    for (const pw of pathways) for (const rows of Object.values(pw.tables)) for (const r of rows) files.add(r.file);
    this.files = files;
    vscode.Disposable.from(...this.watchers).dispose();
    this.watchers = [...files].map((f) => {
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(f)), path.basename(f)));
      const again = () => this.scheduleReload();
      w.onDidChange(again); w.onDidCreate(again); w.onDidDelete(again);
      return w;
    });
  }

  scheduleReload(): void {
    if (!this.selection) return;
    clearTimeout(this.reloadTimer);
    const sel = this.selection;
    this.reloadTimer = setTimeout(() => { void this.load(sel); }, 400);
  }

  private async receive(raw: unknown): Promise<void> {
    const parsed = fromWebviewSchema.safeParse(raw);
    if (!parsed.success) { this.host.log.warn('chart: ignored a malformed message from the webview'); return; }
    const m = parsed.data;
    switch (m.type) {
      case 'ready':
        this.ready = true;
        for (const r of this.readyWaiters.splice(0)) r();
        if (this.data) this.post({ type: 'data', data: this.data });
        return;
      case 'dom': this.pendingDom.get(m.requestId)?.(m); this.pendingDom.delete(m.requestId); return;
      case 'copyCsv':
        if (!this.data) return;
        await vscode.env.clipboard.writeText(chartCsv(this.data));
        this.post({ type: 'saved', message: 'Copied the chart data as CSV.' });
        return;
      case 'reveal': return this.reveal(m.file, m.line);
      case 'export': return this.saveExport(m.format, m.content);
    }
  }

  private async reveal(file: string, line: number): Promise<void> {
    if (!this.files.has(file)) return; // only files this chart was built from
    try {
      const pos = new vscode.Position(line - 1, 0);
      await vscode.window.showTextDocument(vscode.Uri.file(file), { selection: new vscode.Range(pos, pos), preview: true, viewColumn: vscode.ViewColumn.One });
    } catch (err) {
      void vscode.window.showWarningMessage(`Could not open ${file} at line ${line}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async saveExport(format: 'png' | 'svg', content: string): Promise<void> {
    const pending = this.pendingExport;
    this.pendingExport = undefined;
    try {
      const bytes = format === 'png' ? Buffer.from(content, 'base64') : content;
      if (format === 'png' && !(bytes as Buffer).subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) throw new Error('the webview did not produce a PNG');
      if (format === 'svg' && !/^<\?xml[^>]*>\s*<svg[\s>]/.test(content)) throw new Error('the webview did not produce an SVG document');
      let target = pending?.file;
      if (!target) {
        const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
        const name = `${(this.selection?.id ?? 'scores').replace(/[^A-Za-z0-9._-]/g, '_')}-scores.${format}`;
        const uri = await vscode.window.showSaveDialog({
          title: `Export the chart as ${format.toUpperCase()}`,
          defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
          filters: format === 'png' ? { 'PNG image': ['png'] } : { 'SVG image': ['svg'] },
        });
        if (!uri) return;
        target = uri.fsPath;
      }
      // never over an extract file the chart was built from (by path, hard link or symbolic link)
      await writeFileAtomic(target, [bytes], { inputs: [...this.files] });
      this.post({ type: 'saved', message: `Saved ${target}` });
      pending?.resolve(target);
    } catch (err) {
      const message = `Export failed: ${err instanceof Error ? err.message : String(err)}`;
      this.host.log.error(`chart: ${message}`);
      this.post({ type: 'error', message });
      if (pending) pending.reject(new Error(message)); else void vscode.window.showErrorMessage(message);
    }
  }

  describe(timeoutMs: number): Promise<DomDescription | undefined> {
    const requestId = this.nextRequest++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => { this.pendingDom.delete(requestId); resolve(undefined); }, timeoutMs);
      this.pendingDom.set(requestId, (d) => { clearTimeout(timer); resolve(d); });
      this.post({ type: 'describe', requestId });
    });
  }

  exportTo(format: 'png' | 'svg', file: string): Promise<string> {
    return new Promise((resolve, reject) => {
      this.pendingExport = { file, resolve, reject };
      this.post({ type: 'export', format });
    });
  }

  dispose(): void {
    clearTimeout(this.reloadTimer);
    this.loading?.cancel();
    vscode.Disposable.from(...this.watchers, ...this.disposables).dispose();
    this.host.forget(this);
  }
}

interface ChartHost {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  source?: ChartSource;
  thresholds(): ReturnType<typeof thresholdsWith>;
  forget(panel: ChartPanel): void;
}

async function askForSelection(source: ChartSource | undefined): Promise<ChartSelection | undefined> {
  if (source?.pick) return source.pick();
  const id = await vscode.window.showInputBox({ title: 'IAPT: Plot Scores', prompt: 'Pathway ID (or participant ID)', ignoreFocusOut: true });
  if (!id?.trim()) return undefined;
  const kind = await vscode.window.showQuickPick([{ label: 'Pathway', value: 'pathway' as const }, { label: 'Participant', value: 'participant' as const }], { title: `What is ${id.trim()}?` });
  return kind ? { kind: kind.value, id: id.trim() } : undefined;
}

/** The pathway or participant named by the ID cell under the editor's cursor (its column decides which). */
async function selectionAtCursor(documents: CsvDocuments): Promise<ChartSelection | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const model = await documents.getNow(editor.document);
  const cell = cellAt(model.index, model.text, editor.document.offsetAt(editor.selection.active));
  if (!cell || cell.recordIndex === -1) return undefined;
  return selectionForCell(model.index.header[cell.fieldIndex] ?? '', cell.fields[cell.fieldIndex] ?? '');
}

export function registerChart(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, documents: CsvDocuments): ChartApi {
  let panel: ChartPanel | undefined;
  let sourceListener: vscode.Disposable | undefined;
  const host: ChartHost = {
    context, log,
    thresholds: () => {
      try { return thresholdsWith(vscode.workspace.getConfiguration('iapt.outcomes').get<unknown>('thresholds')); } catch (err) {
        log.warn(`chart: iapt.outcomes.thresholds ignored: ${err instanceof Error ? err.message : String(err)}`);
        return thresholdsWith(undefined);
      }
    },
    forget: (p) => { if (panel === p) panel = undefined; },
  };
  const open = (existing?: vscode.WebviewPanel): ChartPanel => {
    if (panel && !existing) { panel.panel.reveal(undefined, true); return panel; }
    const webviewPanel = existing ?? vscode.window.createWebviewPanel(CHART_VIEW_TYPE, 'IAPT scores', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview')] });
    panel?.panel.dispose();
    panel = new ChartPanel(webviewPanel, host);
    return panel;
  };
  const show = async (selection: ChartSelection) => open().load(selection);

  context.subscriptions.push(
    vscode.commands.registerCommand(PLOT_SCORES_COMMAND, async (arg?: unknown) => {
      const selection = selectionFromArg(arg) ?? await askForSelection(host.source);
      return selection ? show(selection) : undefined;
    }),
    vscode.commands.registerCommand(PLOT_SCORES_AT_CURSOR_COMMAND, async () => {
      const selection = await selectionAtCursor(documents);
      if (!selection) {
        void vscode.window.showInformationMessage('IAPT: put the cursor on a pathway ID (PathwayID, ServiceRequestId) or participant ID (Person_ID, LocalPatientId, cohortkey_e) cell to plot its scores.');
        return undefined;
      }
      return show(selection);
    }),
    vscode.window.registerWebviewPanelSerializer(CHART_VIEW_TYPE, {
      deserializeWebviewPanel(webviewPanel: vscode.WebviewPanel, state: unknown): Promise<void> {
        const restored = viewStateSchema.safeParse(state ?? {});
        const p = open(webviewPanel);
        // not awaited: VS Code shows the restored webview only once this returns, and load waits for its 'ready'
        if (restored.success && restored.data.selection) void p.load(restored.data.selection);
        else p.post({ type: 'error', message: 'Nothing to restore: run "IAPT: Plot Scores" to choose a participant or pathway.' });
        return Promise.resolve();
      },
    }),
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('iapt.outcomes.thresholds')) panel?.scheduleReload(); }),
    { dispose: () => { sourceListener?.dispose(); panel?.dispose(); } },
  );

  return {
    setSource(source) {
      host.source = source;
      sourceListener?.dispose();
      sourceListener = source.onDidChange?.(() => panel?.scheduleReload());
      if (panel?.selection && !panel.data) panel.scheduleReload();
    },
    show,
    describe: async (timeoutMs = 5000) => panel?.describe(timeoutMs),
    exportTo: (format, file) => (panel ? panel.exportTo(format, file) : Promise.reject(new Error('no chart panel is open'))),
    current: () => (panel ? { selection: panel.selection, data: panel.data, visible: panel.panel.visible } : undefined),
  };
}
