// User dictionaries (setting iapt.dictionary.paths): read, validated by core (one clear error per bad file,
// the built-in dictionary keeps working), watched and reloaded on change. In an untrusted workspace only the
// user-settings value is used, and the user is told once that workspace dictionary paths were skipped.
import * as vscode from 'vscode';
import { builtinDictionary, dictionaryWithOverlays, type Dictionary, type OverlayError, type OverlaySource } from '../core/dictionary';
import { readTextFileCapped } from '../core/files';
import { selectDictionaryPaths, type PathLevel, type PathSetting } from './dictionaryPaths';

const SETTING = 'iapt.dictionary.paths';
const RELOAD_DELAY_MS = 200;

export interface DictionaryPath {
  /** as written in the setting */
  written: string;
  uri: vscode.Uri;
  level: PathLevel;
}

/**
 * The dictionary files to load. Workspace and folder values are taken only when the workspace is trusted;
 * `skipped` counts those left out. Relative paths resolve against the (first) workspace folder, `~` to home.
 */
export function dictionaryPaths(trusted: boolean): { paths: DictionaryPath[]; skipped: number; unresolved: string[] } {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const first = folders[0]?.uri;
  const inspected = vscode.workspace.getConfiguration().inspect<string[]>(SETTING);
  const settings: PathSetting[] = [
    { level: 'user', value: inspected?.globalValue, base: first?.path },
    { level: 'workspace', value: inspected?.workspaceValue, base: first?.path },
    ...folders.map((f): PathSetting => ({ level: 'folder', value: vscode.workspace.getConfiguration(undefined, f.uri).inspect<string[]>(SETTING)?.workspaceFolderValue, base: f.uri.path })),
  ];
  const selected = selectDictionaryPaths(settings, trusted);
  // Paths live on the machine the extension runs on: keep the workspace's scheme (file, or vscode-remote).
  const toUri = (p: string): vscode.Uri => (first && first.scheme !== 'file' ? first.with({ path: p }) : vscode.Uri.file(p));
  return { paths: selected.paths.map((p) => ({ written: p.written, uri: toUri(p.resolved), level: p.level })), skipped: selected.skipped, unresolved: selected.unresolved };
}

/** Largest dictionary file read (the built-in one is ~1 MB); a link to /dev/zero or a FIFO is refused. */
export const MAX_DICTIONARY_BYTES = 32 * 1024 * 1024;

async function readDictionaryText(uri: vscode.Uri): Promise<string> {
  if (uri.scheme === 'file') return readTextFileCapped(uri.fsPath, MAX_DICTIONARY_BYTES);
  const st = await vscode.workspace.fs.stat(uri);
  if ((st.type & vscode.FileType.File) === 0) throw new Error('not a regular file');
  if (st.size > MAX_DICTIONARY_BYTES) throw new Error(`larger than ${MAX_DICTIONARY_BYTES} bytes`);
  return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
}

export class DictionaryService implements vscode.Disposable {
  /** built lazily: validating and indexing the built-in dictionary is the costliest part of activation */
  private dict: Dictionary | undefined;
  private readonly changed = new vscode.EventEmitter<Dictionary>();
  private watchers: vscode.Disposable[] = [];
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private toldUntrusted = false;
  /** Shown errors by file, so one bad file gives one notification (again only when its error changes). */
  private readonly shownErrors = new Map<string, string>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration(SETTING)) this.reloadSoon(); }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => { this.log.info('workspace trusted: loading dictionary paths from workspace settings'); this.reloadSoon(); }),
    );
  }

  get current(): Dictionary {
    this.dict ??= builtinDictionary();
    return this.dict;
  }

  /**
   * At activation: loads the user dictionaries when some are configured (or skipped / unresolved, which must be
   * reported); otherwise nothing, and the built-in dictionary is built on first use (keeps activation fast).
   */
  async start(): Promise<OverlayError[]> {
    const { paths, skipped, unresolved } = dictionaryPaths(vscode.workspace.isTrusted);
    if (paths.length === 0 && skipped === 0 && unresolved.length === 0) {
      this.log.info('dictionary: built-in (built on first use)');
      return [];
    }
    return this.reload();
  }

  reloadSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.reload().catch((err: unknown) => this.log.error(`dictionary: reload failed (${err instanceof Error ? err.message : String(err)}); the previous dictionary stays in use`));
    }, RELOAD_DELAY_MS);
  }

  /** Reads every configured file, applies the good ones over the built-in dictionary, reports the bad ones. */
  async reload(): Promise<OverlayError[]> {
    const { paths, skipped, unresolved } = dictionaryPaths(vscode.workspace.isTrusted);
    if (skipped > 0 && !this.toldUntrusted) {
      this.toldUntrusted = true;
      const message = `IAPT Explorer: this workspace is not trusted, so ${skipped} dictionary file(s) named in its settings (${SETTING}) were not loaded. The built-in dictionary and your user-settings dictionaries still work.`;
      this.log.warn(message);
      void vscode.window.showInformationMessage(message);
    }
    this.watch(paths);
    const sources: OverlaySource[] = [];
    const errors: OverlayError[] = [];
    for (const written of unresolved) {
      errors.push({ file: written, path: '$', message: `${written}: a relative dictionary path needs an open, trusted workspace folder; use an absolute path or ~/ in user settings` });
    }
    for (const p of paths) {
      const file = p.uri.scheme === 'file' ? p.uri.fsPath : p.uri.toString();
      try {
        sources.push({ file, text: await readDictionaryText(p.uri) });
      } catch (err) {
        errors.push({ file, path: '$', message: `${file}: cannot read (${err instanceof Error ? err.message : String(err)})` });
      }
    }
    const merged = dictionaryWithOverlays(sources);
    errors.push(...merged.errors);
    this.report(errors);
    this.dict = merged.dictionary;
    const loaded = sources.filter((s) => !errors.some((e) => e.file === s.file)).length;
    this.log.info(`dictionary: built-in${loaded ? ` + ${loaded} user file(s)` : ''}${errors.length ? `; ${new Set(errors.map((e) => e.file)).size} file(s) with errors skipped` : ''}`);
    this.changed.fire(merged.dictionary);
    return errors;
  }

  /** Logs every error; shows one notification per bad file (again only when its first error changes). */
  private report(errors: OverlayError[]): void {
    const byFile = new Map<string, OverlayError[]>();
    for (const e of errors) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
    for (const [file, list] of byFile) {
      for (const e of list) this.log.error(e.message); // messages name the file and the JSON path (or line:column)
      const summary = list[0].message;
      if (this.shownErrors.get(file) === summary) continue;
      this.shownErrors.set(file, summary);
      const more = list.length > 1 ? ` (+${list.length - 1} more in the log)` : '';
      void vscode.window.showErrorMessage(`IAPT Explorer: dictionary file not loaded, the built-in dictionary is used instead of it. ${summary}${more}`, 'Show Log').then((choice) => {
        if (choice === 'Show Log') this.log.show(true);
      });
    }
    for (const file of [...this.shownErrors.keys()]) if (!byFile.has(file)) this.shownErrors.delete(file);
  }

  private watch(paths: DictionaryPath[]): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = paths.map((p) => {
      const dir = vscode.Uri.joinPath(p.uri, '..');
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(dir, p.uri.path.split('/').pop() ?? '*'));
      const again = (): void => this.reloadSoon();
      watcher.onDidChange(again);
      watcher.onDidCreate(again);
      watcher.onDidDelete(again);
      return watcher;
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const w of this.watchers) w.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
