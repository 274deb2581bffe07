// The chart's default source of linked rows: a workspace LinkIndex (core/linking) built on first use with cancellable
// progress, updated for the files a watcher saw change (only those are re-read). The linked-tables view can hand the
// chart its own shared index instead through ChartApi.setSource.
import * as vscode from 'vscode';
import { LinkIndex, StaleFileError, type IdMatch, type LinkedPathway } from '../core/linking';
import { listTableFiles } from '../core/files';
import type { ChartSelection } from '../core/chart';
import type { ChartSource } from './chart';

/** The linked pathways of a participant or pathway ID (the chosen kind when the ID is both, else whatever it is). */
export async function lookupInIndex(ix: LinkIndex, selection: ChartSelection): Promise<LinkedPathway[]> {
  const all = ix.find(selection.id);
  const matches = all.some((m) => m.kind === selection.kind) ? all.filter((m) => m.kind === selection.kind) : all;
  const out: LinkedPathway[] = [];
  for (const m of matches) out.push(...(await ix.readMatch(m)).pathways);
  return out;
}

export class WorkspaceChartSource implements ChartSource, vscode.Disposable {
  private index: Promise<LinkIndex> | undefined;
  private readonly changed = new Set<string>();
  private readonly removed = new Set<string>();
  private readonly emitter = new vscode.EventEmitter<unknown>();
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  readonly onDidChange = this.emitter.event;

  constructor(private readonly log: vscode.LogOutputChannel) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{csv,tsv,tab,txt,CSV,TSV,TAB,TXT}');
    const mark = (set: Set<string>) => (uri: vscode.Uri) => {
      if (uri.scheme !== 'file' || !this.index) return;
      set.add(uri.fsPath);
      this.emitter.fire(undefined);
    };
    this.disposables.push(watcher, watcher.onDidChange(mark(this.changed)), watcher.onDidCreate(mark(this.changed)), watcher.onDidDelete(mark(this.removed)));
  }

  private workspaceFiles(): string[] {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    return listTableFiles(folders).files;
  }

  private async current(): Promise<LinkIndex> {
    if (!this.index) {
      const build = Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'IAPT: indexing linked tables', cancellable: true }, (progress, token) => {
        const ac = new AbortController();
        token.onCancellationRequested(() => ac.abort());
        let last = 0;
        return LinkIndex.build(this.workspaceFiles(), {
          signal: ac.signal,
          onProgress: (p) => { const pct = Math.round(p.fraction * 100); progress.report({ message: `${pct} % ${p.message}`, increment: pct - last }); last = pct; },
        });
      }));
      this.index = build;
      build.then((ix) => this.log.info(`chart: linked-tables index built (${JSON.stringify(ix.stats())})`), (err: unknown) => {
        this.index = undefined;
        this.log.error(`chart: linked-tables index failed: ${err instanceof Error ? err.message : String(err)}`);
      });
    }
    const ix = await this.index;
    if (this.changed.size || this.removed.size) {
      const changed = [...this.changed]; const removed = [...this.removed];
      this.changed.clear(); this.removed.clear();
      await ix.update(changed, removed);
    }
    return ix;
  }

  async lookup(selection: ChartSelection, token: vscode.CancellationToken): Promise<LinkedPathway[] | undefined> {
    for (let attempt = 0; ; attempt++) {
      const ix = await this.current();
      if (token.isCancellationRequested) return undefined;
      try {
        return await lookupInIndex(ix, selection);
      } catch (err) {
        if (!(err instanceof StaleFileError) || attempt > 0) throw err;
        // a file changed since indexing: re-read the changed ones and try once more
        await ix.update(this.workspaceFiles(), []);
      }
    }
  }

  /** Type-to-search over every ID in the index (filtered in the index, 100 at a time). */
  async pick(): Promise<ChartSelection | undefined> {
    const ix = await this.current();
    const qp = vscode.window.createQuickPick<vscode.QuickPickItem & { match?: IdMatch }>();
    qp.title = 'IAPT: Plot Scores';
    qp.placeholder = 'Type a participant or pathway ID';
    qp.matchOnDescription = false;
    const fill = (value: string) => {
      const { matches, total } = ix.search(value, 100);
      qp.items = matches.map((m) => ({ label: m.id, description: `${m.kind} · ${m.layout === 'ukllc' ? 'UK LLC' : 'NHS'} · ${m.count} row(s)`, alwaysShow: true, match: m }));
      qp.title = `IAPT: Plot Scores (${total} match${total === 1 ? '' : 'es'})`;
    };
    fill('');
    qp.onDidChangeValue(fill);
    const chosen = await new Promise<IdMatch | undefined>((resolve) => {
      qp.onDidAccept(() => {
        // the typed ID itself when the list has not caught up with the last keystroke yet
        resolve((qp.selectedItems[0] ?? qp.activeItems[0])?.match ?? ix.find(qp.value)[0]);
        qp.hide();
      });
      qp.onDidHide(() => resolve(undefined));
      qp.show();
    });
    qp.dispose();
    return chosen ? { kind: chosen.kind, id: chosen.id } : undefined;
  }

  dispose(): void { vscode.Disposable.from(...this.disposables).dispose(); }
}
