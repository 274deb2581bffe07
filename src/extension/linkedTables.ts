// "Linked Tables" feature: the workspace index (in a worker thread, cancellable progress, kept up to date by a file
// watcher without re-reading unchanged files), the sidebar tree, "IAPT: Inspect Participant or Pathway…" (quick pick
// searching the index as you type), the same from the cell under the cursor and from a hover on an ID cell.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import { cellAt } from '../core/csv';
import { commandLinkTarget } from '../core/hover';
import { keyColumns, type IdMatch, type LinkedPathway, type ParticipantView, type ViewRow } from '../core/linking';
import { PLOT_SCORES_COMMAND } from './chart';
import { CSV_SELECTOR, type CsvDocuments } from './csvDocuments';
import { LinkedTreeProvider, OPEN_RECORD_COMMAND } from './linkedTree';
import { errorReply, LinkingService, type IndexState, type LinkRequest, type LinkWorkerMessage } from './linkingWorker';

export const INSPECT_COMMAND = 'iapt.inspect';
export const INSPECT_AT_CURSOR_COMMAND = 'iapt.inspectAtCursor';
export const REBUILD_COMMAND = 'iapt.linked.rebuild';
export const VIEW_ID = 'iapt.linked';
const LAST_CHOICE = 'iapt.linked.lastChoice';
const RECORD_SCHEME = 'iapt-record';
/** VS Code does not hand extensions documents over 50 MB: such records open in a read-only virtual document */
const MAX_EDITOR_BYTES = 50 * 1024 * 1024;
const TABLE_GLOB = '**/*.{csv,tsv,txt,CSV,TSV,TXT}';
const EXCLUDE_GLOB = '**/{node_modules,.git}/**';
const WATCH_DEBOUNCE_MS = 400;
const QUICK_PICK_LIMIT = 200;
const WORKSPACE_UNLINKED_LISTED = 500;

/** Argument of iapt.inspect (tests, hovers, other commands): the ID, optionally which extract. */
export interface InspectArgs { id?: string; folder?: string; kind?: 'participant' | 'pathway' }

/** What iapt.inspect returns (integration tests read the tree through it). */
export interface InspectResult {
  state: 'shown' | 'not found' | 'no tables' | 'cancelled';
  view?: ParticipantView;
  /** root nodes' labels, then each pathway's label and description */
  tree?: string[];
  /** root nodes' context values (menus' viewItem) */
  rootContexts?: string[];
}

/** Talks to dist/linkingWorker.js (or runs the same service in-process when the bundle is absent). */
class LinkingClient implements vscode.Disposable {
  private worker: Worker | undefined;
  private local: LinkingService | undefined;
  private seq = 0;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error & { staleFile?: string }) => void; progress?: (m: string, f: number) => void }>();

  private warned = false;
  /** called when the worker stops unexpectedly (its index is gone) */
  onStopped: () => void = () => undefined;

  constructor(private readonly workerFile: string, private readonly log: vscode.LogOutputChannel) {}

  request<T>(req: LinkRequest, progress?: (message: string, fraction: number) => void): Promise<T> {
    const seq = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(seq, { resolve: resolve as (v: unknown) => void, reject, progress });
      if (fs.existsSync(this.workerFile)) {
        this.ensureWorker().postMessage({ seq, req });
      } else {
        this.local ??= new LinkingService();
        if (!this.warned) this.log.warn(`linked tables: ${this.workerFile} not found; indexing in the extension host`);
        this.warned = true;
        this.local.handle(req, (m, f) => this.onMessage({ type: 'progress', seq, message: m, fraction: f }))
          .then((result) => this.onMessage({ type: 'reply', seq, ok: true, result }), (err) => this.onMessage(errorReply(seq, err)));
      }
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.workerFile, { workerData: { linkingWorker: true } });
    w.on('message', (m: LinkWorkerMessage) => this.onMessage(m));
    w.on('error', (err) => { this.log.error(`linked tables worker: ${err.message}`); this.fail(err.message); });
    w.on('exit', () => { if (this.worker === w) { this.worker = undefined; this.fail('the index worker stopped'); this.onStopped(); } });
    this.worker = w;
    return w;
  }

  private onMessage(m: LinkWorkerMessage): void {
    const p = this.pending.get(m.seq);
    if (!p) return;
    if (m.type === 'progress') { p.progress?.(m.message, m.fraction); return; }
    this.pending.delete(m.seq);
    if (m.ok) p.resolve(m.result);
    else p.reject(Object.assign(new Error(m.error), { staleFile: m.staleFile }));
  }

  private fail(message: string): void {
    for (const p of this.pending.values()) p.reject(new Error(message));
    this.pending.clear();
  }

  /** Stops the worker (cancels a build): the index is gone and must be built again. */
  reset(): void {
    const w = this.worker;
    this.worker = undefined;
    this.local = undefined;
    this.fail('cancelled');
    void w?.terminate();
  }

  dispose(): void { this.reset(); }
}

type IndexPhase = { phase: 'none' } | { phase: 'building'; done: Promise<boolean> } | { phase: 'ready'; state: IndexState };

class LinkedTables implements vscode.Disposable {
  private readonly client: LinkingClient;
  private readonly tree = new LinkedTreeProvider();
  private readonly treeView: vscode.TreeView<unknown>;
  private phase: IndexPhase = { phase: 'none' };
  private readonly changed = new Set<string>();
  private readonly removed = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private updating = Promise.resolve();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly records = new Map<string, string>();

  constructor(private readonly context: vscode.ExtensionContext, private readonly documents: CsvDocuments, private readonly log: vscode.LogOutputChannel) {
    this.client = new LinkingClient(path.join(context.extensionPath, 'dist', 'linkingWorker.js'), log);
    this.client.onStopped = () => { this.phase = { phase: 'none' }; this.treeView.message = 'The index stopped; choose a participant or pathway again to rebuild it.'; };
    this.treeView = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this.tree as vscode.TreeDataProvider<unknown>, showCollapseAll: true });
    this.disposables.push(this.client, this.treeView);
    this.treeView.onDidChangeVisibility((e) => { if (e.visible) void this.restoreLastChoice(); }, undefined, this.disposables);
    const watcher = vscode.workspace.createFileSystemWatcher(TABLE_GLOB);
    const queue = (uri: vscode.Uri, gone: boolean) => {
      if (uri.scheme !== 'file' || /[\\/](node_modules|\.git)[\\/]/.test(uri.fsPath)) return;
      (gone ? this.removed : this.changed).add(uri.fsPath);
      (gone ? this.changed : this.removed).delete(uri.fsPath);
      clearTimeout(this.timer);
      this.timer = setTimeout(() => { this.updating = this.updating.then(() => this.applyChanges()); }, WATCH_DEBOUNCE_MS);
    };
    watcher.onDidChange((u) => queue(u, false), undefined, this.disposables);
    watcher.onDidCreate((u) => queue(u, false), undefined, this.disposables);
    watcher.onDidDelete((u) => queue(u, true), undefined, this.disposables);
    this.disposables.push(watcher, { dispose: () => clearTimeout(this.timer) });
    this.disposables.push(vscode.workspace.registerTextDocumentContentProvider(RECORD_SCHEME, {
      provideTextDocumentContent: (uri) => this.records.get(uri.toString()) ?? 'This record is no longer available; open it again from the IAPT tree.',
    }));
  }

  dispose(): void { for (const d of this.disposables) d.dispose(); }

  /** Builds the index once (notification with Cancel); false when cancelled or failed. */
  async ensureIndex(): Promise<boolean> {
    if (this.phase.phase === 'ready') return true;
    if (this.phase.phase === 'building') return this.phase.done;
    const done = this.build();
    this.phase = { phase: 'building', done };
    return done;
  }

  private async build(): Promise<boolean> {
    const files = (await vscode.workspace.findFiles(TABLE_GLOB, EXCLUDE_GLOB)).filter((u) => u.scheme === 'file').map((u) => u.fsPath);
    this.changed.clear(); this.removed.clear();
    this.treeView.message = 'Indexing the IAPT tables… 0 %';
    const t0 = Date.now();
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'IAPT: Indexing linked tables', cancellable: true },
      async (progress, token) => {
        let reported = 0;
        token.onCancellationRequested(() => this.client.reset());
        try {
          return await this.client.request<IndexState>({ op: 'build', files }, (message, fraction) => {
            const pct = Math.floor(fraction * 100);
            if (pct > reported) { progress.report({ message, increment: pct - reported }); reported = pct; }
            this.treeView.message = `Indexing the IAPT tables… ${pct} %`;
          });
        } catch (err) {
          if (!token.isCancellationRequested) this.log.error(`linked tables: ${err instanceof Error ? err.message : String(err)}`);
          return undefined;
        }
      });
    if (!result) {
      this.phase = { phase: 'none' };
      this.treeView.message = 'Indexing was cancelled. Run "IAPT: Inspect Participant or Pathway…" to index again.';
      return false;
    }
    this.phase = { phase: 'ready', state: result };
    this.log.info(`linked tables: ${result.stats.records} rows of ${result.stats.files} tables indexed in ${Date.now() - t0} ms (${result.stats.pathways} pathways, ${result.stats.participants} participants, ${result.stats.unlinked} unlinked)`);
    this.logFiles(result);
    this.treeView.message = this.emptyMessage();
    return true;
  }

  /** each unreadable file once, and each file's reading problems (count and the first few, with line and column) */
  private logFiles(state: IndexState): void {
    for (const s of state.skipped.filter((x) => x.error)) this.log.warn(`linked tables: ${s.path}: ${s.reason}`);
    for (const f of state.problems) {
      this.log.warn(`linked tables: ${f.path}: ${f.count} reading problem(s), e.g. ${f.first.map((p) => `line ${p.line}, column ${p.column}: ${p.message}`).join('; ')}`);
    }
  }

  private emptyMessage(): string | undefined {
    if (this.phase.phase !== 'ready') return undefined;
    if (this.phase.state.stats.files === 0) return 'No IAPT tables found: open a folder with IAPT extract CSV/TSV files (NHS IDS tables or UK LLC themed tables).';
    return this.tree.current ? undefined : `${this.phase.state.stats.participants} participants, ${this.phase.state.stats.pathways} pathways indexed. Choose one with "IAPT: Inspect Participant or Pathway…".`;
  }

  private async applyChanges(): Promise<void> {
    if (this.phase.phase !== 'ready' || (this.changed.size === 0 && this.removed.size === 0)) return;
    const changed = [...this.changed]; const removed = [...this.removed];
    this.changed.clear(); this.removed.clear();
    try {
      const state = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'IAPT: updating the linked-tables index' },
        () => this.client.request<IndexState>({ op: 'update', changed, removed }));
      this.phase = { phase: 'ready', state };
      this.logFiles({ ...state, skipped: state.skipped.filter((x) => changed.includes(x.path)), problems: state.problems.filter((x) => changed.includes(x.path)) });
      this.log.info(`linked tables: updated (${changed.length} changed, ${removed.length} removed)`);
      const cur = this.tree.current;
      if (cur) await this.show({ id: cur.match.id, folder: cur.match.folder, kind: cur.match.kind }, true);
      else this.treeView.message = this.emptyMessage();
    } catch (err) {
      this.log.error(`linked tables: update failed: ${err instanceof Error ? err.message : String(err)}`);
      this.phase = { phase: 'none' };
    }
  }

  async rebuild(): Promise<void> {
    this.client.reset();
    this.phase = { phase: 'none' };
    if (await this.ensureIndex()) {
      const cur = this.tree.current;
      if (cur) await this.show({ id: cur.match.id, folder: cur.match.folder, kind: cur.match.kind }, true);
    }
  }

  private async restoreLastChoice(): Promise<void> {
    const last = this.context.workspaceState.get<InspectArgs>(LAST_CHOICE);
    if (this.tree.current) return;
    if (!(await this.ensureIndex())) return;
    if (last?.id && !this.tree.current) await this.show(last, true);
    else this.treeView.message = this.emptyMessage();
  }

  /** iapt.inspect: with an ID, shows it; without, a quick pick searching the index as you type. */
  /** The linked pathways of a participant or pathway ID, for the score chart (every extract that has the ID). */
  async linkedPathways(id: string, kind: 'participant' | 'pathway', folder?: string): Promise<LinkedPathway[] | undefined> {
    if (!(await this.ensureIndex())) return undefined;
    let all = await this.client.request<IdMatch[]>({ op: 'find', id: id.trim() });
    if (folder) all = all.filter((m) => path.resolve(m.folder) === path.resolve(folder));
    const matches = all.some((m) => m.kind === kind) ? all.filter((m) => m.kind === kind) : all;
    const out: LinkedPathway[] = [];
    for (const match of matches) {
      try {
        out.push(...await this.client.request<LinkedPathway[]>({ op: 'linked', match }));
      } catch (err) {
        const staleFile = (err as { staleFile?: string }).staleFile;
        if (!staleFile) throw err;
        // a file changed under the index before the watcher said so: update it, then read again
        await this.client.request<IndexState>({ op: 'update', changed: [staleFile], removed: [] });
        return this.linkedPathways(id, kind, folder);
      }
    }
    return out;
  }

  /** The type-to-search quick pick over the index, for other commands (the score chart). */
  async chooseId(): Promise<IdMatch | undefined> {
    return (await this.ensureIndex()) ? this.pick() : undefined;
  }

  async inspect(args: InspectArgs = {}): Promise<InspectResult> {
    if (!(await this.ensureIndex())) return { state: 'cancelled' };
    if (this.phase.phase === 'ready' && this.phase.state.stats.files === 0) {
      void vscode.window.showInformationMessage('IAPT: no IAPT tables found in this workspace.');
      return { state: 'no tables' };
    }
    if (args.id) return this.show(args, false);
    const match = await this.pick();
    if (!match) return { state: 'cancelled' };
    return this.show({ id: match.id, folder: match.folder, kind: match.kind }, false);
  }

  private async pick(): Promise<IdMatch | undefined> {
    const qp = vscode.window.createQuickPick<vscode.QuickPickItem & { match?: IdMatch }>();
    qp.title = 'IAPT: Inspect Participant or Pathway';
    qp.placeholder = 'Type the start of a participant or pathway ID (Person_ID, cohortkey_e, PathwayID, …)';
    qp.matchOnDescription = false;
    (qp as unknown as { sortByLabel: boolean }).sortByLabel = false;
    let latest = 0;
    const search = async (value: string) => {
      const mine = ++latest;
      qp.busy = true;
      try {
        const r = await this.client.request<{ matches: IdMatch[]; total: number }>({ op: 'search', prefix: value, limit: QUICK_PICK_LIMIT });
        if (mine !== latest) return;
        qp.items = [
          ...r.matches.map((m) => ({
            label: m.id, match: m, alwaysShow: true,
            description: m.kind === 'participant' ? `participant · ${m.count} pathway${m.count === 1 ? '' : 's'}` : `pathway${m.participantId ? ` of ${m.participantId}` : ''} · ${m.count} rows`,
            detail: `${m.layout === 'nhs' ? 'NHS' : 'UK LLC'} extract in ${vscode.workspace.asRelativePath(m.folder)}`,
          })),
          ...(r.total > r.matches.length ? [{ label: `${r.total - r.matches.length} more: keep typing`, alwaysShow: true }] : []),
          ...(r.total === 0 ? [{ label: `No participant or pathway ID starts with "${value}"`, alwaysShow: true }] : []),
        ];
      } catch (err) {
        this.log.error(`linked tables: search failed: ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        if (mine === latest) qp.busy = false;
      }
    };
    return new Promise((resolve) => {
      qp.onDidChangeValue((v) => void search(v));
      qp.onDidAccept(() => { const m = qp.selectedItems[0]?.match; if (m) { resolve(m); qp.hide(); } });
      qp.onDidHide(() => { resolve(undefined); qp.dispose(); });
      qp.show();
      void search('');
    });
  }

  private async show(args: InspectArgs & { retried?: boolean }, quiet: boolean): Promise<InspectResult> {
    const id = (args.id ?? '').trim();
    let matches = await this.client.request<IdMatch[]>({ op: 'find', id });
    if (args.folder) matches = matches.filter((m) => path.resolve(m.folder) === path.resolve(args.folder!));
    if (args.kind) matches = matches.filter((m) => m.kind === args.kind);
    if (matches.length === 0) {
      this.tree.show(undefined);
      this.treeView.message = `ID "${id}" not found in the index (${this.phase.phase === 'ready' ? this.phase.state.stats.files : 0} IAPT tables). Check the ID or the folder.`;
      if (!quiet) void vscode.window.showWarningMessage(`IAPT: no participant or pathway "${id}" in the workspace's IAPT tables.`);
      return { state: 'not found' };
    }
    let match = matches[0];
    if (matches.length > 1 && !quiet) {
      const chosen = await vscode.window.showQuickPick(matches.map((m) => ({ label: m.id, description: `${m.kind} · ${m.layout === 'nhs' ? 'NHS' : 'UK LLC'} extract in ${vscode.workspace.asRelativePath(m.folder)}`, m })), { title: `"${id}" is in ${matches.length} extracts` });
      if (!chosen) return { state: 'cancelled' };
      match = chosen.m;
    }
    let view: ParticipantView;
    try {
      view = await this.client.request<ParticipantView>({ op: 'view', match });
    } catch (err) {
      const staleFile = (err as { staleFile?: string }).staleFile;
      if (staleFile && !args.retried) {
        // a file changed under the index before the watcher said so: update it, then try once more
        await this.client.request<IndexState>({ op: 'update', changed: [staleFile], removed: [] });
        return this.show({ ...args, retried: true }, quiet);
      }
      throw err;
    }
    const unlinked = await this.client.request<{ rows: ViewRow[]; total: number }>({ op: 'unlinked', limit: WORKSPACE_UNLINKED_LISTED });
    this.tree.show(view, unlinked);
    this.treeView.message = undefined;
    await this.context.workspaceState.update(LAST_CHOICE, { id: match.id, folder: match.folder, kind: match.kind } satisfies InspectArgs);
    if (!quiet) {
      await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
      const root = this.tree.roots[0];
      if (root) await this.treeView.reveal(root, { expand: 2, focus: false, select: false }).then(undefined, () => undefined);
    }
    return {
      state: 'shown', view,
      tree: [...this.tree.roots.map((r) => String(this.tree.getTreeItem(r).label)), ...view.pathways.map((p) => `${p.pathwayId}: ${p.label} | ${p.description}`)],
      rootContexts: this.tree.roots.map((r) => this.tree.getTreeItem(r).contextValue ?? ''),
    };
  }

  /** The participant or pathway of the cell under the cursor (an ID cell, else the row's pathway, else its participant). */
  idAtCursor(editor: vscode.TextEditor | undefined): InspectArgs | undefined {
    if (!editor) return undefined;
    const model = this.documents.get(editor.document);
    if (!model?.table) return undefined;
    const cell = cellAt(model.index, model.text, editor.document.offsetAt(editor.selection.active));
    if (!cell || cell.recordIndex === -1) return undefined;
    return idOfCell(model.index.header, cell.fields, cell.fieldIndex, editor.document.uri.fsPath);
  }

  async openRecord(row: ViewRow): Promise<void> {
    let size = 0;
    try { size = fs.statSync(row.file).size; } catch { /* reported by the open below */ }
    if (size > MAX_EDITOR_BYTES) {
      const uri = vscode.Uri.from({ scheme: RECORD_SCHEME, path: `/${path.basename(row.file)}:${row.line}`, query: `${row.offset}` });
      this.records.set(uri.toString(), [`${row.file}, line ${row.line} (byte ${row.offset}); the file is too large for an editor (over 50 MB), so the record is shown here, read-only.`, '', row.summary, '', ...(row.reason ? [`unlinked: ${row.reason}`] : []), ...row.fields].join('\n'));
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
      return;
    }
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(row.file));
    const line = Math.min(row.line - 1, doc.lineCount - 1);
    const range = new vscode.Range(line, 0, line, doc.lineAt(line).text.length);
    const editor = await vscode.window.showTextDocument(doc, { preview: true, selection: range });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}

/** The ID a cell stands for: the cell itself when it is a pathway / participant key, else the row's pathway or participant. */
export function idOfCell(header: readonly string[], fields: readonly string[], column: number, file: string): InspectArgs | undefined {
  const cols = keyColumns(header);
  const value = (i: number) => (i >= 0 ? (fields[i] ?? '').trim() : '');
  const folder = path.dirname(file);
  if (column === cols.participant && value(column)) return { id: value(column), folder, kind: 'participant' };
  if ((column === cols.pathway || column === cols.serviceRequest) && value(column)) return { id: value(column), folder, kind: 'pathway' };
  if (value(cols.pathway)) return { id: value(cols.pathway), folder, kind: 'pathway' };
  if (value(cols.participant)) return { id: value(cols.participant), folder, kind: 'participant' };
  return undefined;
}

/** What other features may ask of the linked-tables index. */
export interface LinkedTablesApi {
  linkedPathways(id: string, kind: 'participant' | 'pathway', folder?: string): Promise<LinkedPathway[] | undefined>;
  chooseId(): Promise<IdMatch | undefined>;
}

export function registerLinkedTables(context: vscode.ExtensionContext, documents: CsvDocuments, log: vscode.LogOutputChannel): LinkedTablesApi {
  const feature = new LinkedTables(context, documents, log);
  context.subscriptions.push(
    feature,
    vscode.commands.registerCommand(INSPECT_COMMAND, async (args?: InspectArgs | vscode.Uri) => {
      try {
        return await feature.inspect(args instanceof vscode.Uri || !args ? {} : args);
      } catch (err) {
        const text = `IAPT: could not show the linked rows: ${err instanceof Error ? err.message : String(err)}`;
        log.error(text);
        void vscode.window.showErrorMessage(text);
        return undefined;
      }
    }),
    vscode.commands.registerCommand(INSPECT_AT_CURSOR_COMMAND, async () => {
      const args = feature.idAtCursor(vscode.window.activeTextEditor);
      if (!args) {
        void vscode.window.showInformationMessage('IAPT: the cursor is not on a row of an IAPT table with a participant or pathway key.');
        return undefined;
      }
      return feature.inspect(args);
    }),
    vscode.commands.registerCommand(REBUILD_COMMAND, () => feature.rebuild()),
    vscode.commands.registerCommand(OPEN_RECORD_COMMAND, (row: ViewRow) => feature.openRecord(row)),
    vscode.languages.registerHoverProvider(CSV_SELECTOR, {
      provideHover(doc, position) {
        const model = documents.get(doc);
        if (!model?.table) return undefined;
        const cell = cellAt(model.index, model.text, doc.offsetAt(position));
        if (!cell || cell.recordIndex === -1) return undefined;
        const cols = keyColumns(model.index.header);
        if (![cols.pathway, cols.serviceRequest, cols.participant].includes(cell.fieldIndex)) return undefined;
        const args = idOfCell(model.index.header, cell.fields, cell.fieldIndex, doc.uri.fsPath);
        if (!args) return undefined;
        // only our own command is enabled; the ID travels as JSON in the arguments, never as link text or target
        const plot = { kind: args.kind, id: args.id, folder: args.folder };
        const md = new vscode.MarkdownString(`[Inspect this ${args.kind}](${commandLinkTarget(INSPECT_COMMAND, [args])} "Show its linked rows in the IAPT view")`
          + ` · [Plot scores](${commandLinkTarget(PLOT_SCORES_COMMAND, [plot])} "Chart its scores session by session")`);
        md.isTrusted = { enabledCommands: [INSPECT_COMMAND, PLOT_SCORES_COMMAND] };
        md.supportHtml = false;
        md.supportThemeIcons = false;
        return new vscode.Hover(md);
      },
    }),
  );
  return { linkedPathways: (id, kind, folder) => feature.linkedPathways(id, kind, folder), chooseId: () => feature.chooseId() };
}
