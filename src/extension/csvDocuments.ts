// Indexes open CSV/TSV documents and recognises their IAPT table, caching one model per document URI+version.
// The model is a compact index (header, record starts, problems; no record values): features read the one
// record under the cursor from the document. Small documents are indexed on demand; big ones after a pause in
// typing (debounced), in slices that yield to the event loop (a newer version cancels the build), and features
// get nothing until the index is ready, so hovers never wait on a big build. CSV problems go to the log.
import * as vscode from 'vscode';
import { buildCsvIndex, buildCsvIndexAsync, type CsvDocumentIndex, type CsvProblem, type CsvTextSource } from '../core/csv';
import type { Dictionary } from '../core/dictionary';
import { recogniseTable, type RecognisedTable } from '../core/tables';

/** Language ids we serve: ours (csv, tsv) and Rainbow CSV's. */
export const CSV_LANGUAGE_IDS = [
  'csv', 'tsv',
  'csv (semicolon)', 'csv (pipe)', 'csv (whitespace)', 'csv (tilda)', 'csv (caret)', 'csv (colon)',
  'csv (double quote)', 'csv (equals)', 'csv (dot)', 'csv (hyphen)', 'dynamic csv',
];

/** Selector for hover etc.: the CSV languages, plus plain-text documents named like a CSV/TSV file. */
export const CSV_SELECTOR: vscode.DocumentSelector = [
  ...CSV_LANGUAGE_IDS.map((language) => ({ language })),
  { language: 'plaintext', pattern: '**/*.{csv,tsv,tab,CSV,TSV,TAB}' },
];

/** Above this many chars a document is indexed off the hover path (debounced, in slices), not on demand. */
export const SYNC_PARSE_LIMIT = 2_000_000;
const DEBOUNCE_MS = 300;
const CACHE_SIZE = 8;
const PROBLEMS_LOGGED = 20;

export interface CsvDocumentModel {
  /** the document object itself: an untitled URI can be reused by a new document, restarting at version 1 */
  document: vscode.TextDocument;
  uri: string;
  version: number;
  /** header, delimiter, record count, problems, record starts */
  index: CsvDocumentIndex;
  /** the indexed text, read from the document (valid while the document is at `version`) */
  text: CsvTextSource;
  /** null when the header is no IAPT table */
  table: RecognisedTable | null;
}

interface Build {
  document: vscode.TextDocument;
  version: number;
  controller: AbortController;
  done: Promise<CsvDocumentModel | undefined>;
}

export function isCsvDocument(doc: vscode.TextDocument): boolean {
  return CSV_LANGUAGE_IDS.includes(doc.languageId) || (doc.languageId === 'plaintext' && /\.(csv|tsv|tab)$/i.test(doc.fileName));
}

/** The document's length in chars, without building its text. */
export function documentLength(doc: vscode.TextDocument): number {
  return doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
}

/** Slices of a document's text by char offsets, without building the whole text. */
function documentText(doc: vscode.TextDocument): CsvTextSource {
  return { slice: (start, end) => doc.getText(new vscode.Range(doc.positionAt(start), doc.positionAt(end))) };
}

export class CsvDocuments implements vscode.Disposable {
  private readonly cache = new Map<string, CsvDocumentModel>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly builds = new Map<string, Build>();
  private readonly loggedProblems = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.TextDocument>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** Fires when a document's model was (re)built in the background. */
  readonly onDidParse = this.changed.event;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private dictionary: () => Dictionary,
  ) {
    // Only documents shown in an editor are indexed ahead of use; others are indexed when a feature asks.
    const shown = (doc: vscode.TextDocument): boolean => vscode.window.visibleTextEditors.some((e) => e.document === doc);
    this.disposables.push(
      vscode.window.onDidChangeVisibleTextEditors((editors) => { for (const e of editors) this.schedule(e.document); }),
      vscode.workspace.onDidChangeTextDocument((e) => { if (shown(e.document)) this.schedule(e.document); }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.forget(doc)),
    );
  }

  /**
   * The model of a document at its current version: built now for a small document, undefined while a big
   * one is still waiting for its background build (which is then scheduled).
   */
  get(doc: vscode.TextDocument): CsvDocumentModel | undefined {
    if (!isCsvDocument(doc)) return undefined;
    const hit = this.current(doc);
    if (hit) return hit;
    if (documentLength(doc) > SYNC_PARSE_LIMIT) {
      // a waiting build takes the version current when it starts: asking again (hovers) must not delay it
      if (!this.building(doc) && !this.pending.has(doc.uri.toString())) this.schedule(doc);
      return undefined;
    }
    return this.buildNow(doc);
  }

  /** The model whatever the size, waiting for a big document's background build (for explicit commands). */
  async getNow(doc: vscode.TextDocument): Promise<CsvDocumentModel> {
    const hit = this.current(doc);
    if (hit) return hit;
    if (documentLength(doc) <= SYNC_PARSE_LIMIT) return this.buildNow(doc);
    const model = await (this.building(doc) ?? this.buildInBackground(doc)).done;
    return model ?? this.buildNow(doc); // cancelled by a newer version: this version is wanted now
  }

  /** Recognise the tables again (e.g. after the dictionary changed); the indexes stay valid. */
  invalidateAll(): void {
    for (const [key, model] of this.cache) this.cache.set(key, { ...model, table: this.recognise(model.document, model.index) });
    for (const editor of vscode.window.visibleTextEditors) {
      if (this.current(editor.document)) this.changed.fire(editor.document);
      else this.schedule(editor.document);
    }
  }

  private current(doc: vscode.TextDocument): CsvDocumentModel | undefined {
    const key = doc.uri.toString();
    const hit = this.cache.get(key);
    if (!hit || hit.document !== doc || hit.version !== doc.version) return undefined;
    this.cache.delete(key); // most recently used last
    this.cache.set(key, hit);
    return hit;
  }

  /** The background build of this document's current version, if one is running. */
  private building(doc: vscode.TextDocument): Build | undefined {
    const build = this.builds.get(doc.uri.toString());
    return build && build.document === doc && build.version === doc.version ? build : undefined;
  }

  private schedule(doc: vscode.TextDocument): void {
    if (!isCsvDocument(doc)) return;
    const key = doc.uri.toString();
    const running = this.builds.get(key);
    if (running && (running.document !== doc || running.version !== doc.version)) this.cancel(key);
    clearTimeout(this.pending.get(key));
    this.pending.set(key, setTimeout(() => {
      this.pending.delete(key);
      if (doc.isClosed || this.current(doc) || this.building(doc)) return;
      if (documentLength(doc) > SYNC_PARSE_LIMIT) {
        this.buildInBackground(doc);
        return;
      }
      this.buildNow(doc);
      this.changed.fire(doc);
    }, DEBOUNCE_MS));
  }

  private cancel(key: string): void {
    this.builds.get(key)?.controller.abort(new Error('superseded'));
    this.builds.delete(key);
  }

  private buildNow(doc: vscode.TextDocument): CsvDocumentModel {
    const file = fileOf(doc);
    let index: CsvDocumentIndex;
    try {
      index = buildCsvIndex(doc.getText(), { file, delimiter: delimiterForLanguage(doc.languageId) });
    } catch (err) {
      // The scanner is meant never to throw; if it does, the document is simply not served.
      this.log.error(`${file}: could not read as CSV: ${err instanceof Error ? err.message : String(err)}`);
      index = buildCsvIndex('', { file });
    }
    return this.store(doc, doc.version, index);
  }

  /** Indexes a big document in slices; resolves undefined when a newer version or closing cancelled it. */
  private buildInBackground(doc: vscode.TextDocument): Build {
    const key = doc.uri.toString();
    this.cancel(key);
    const controller = new AbortController();
    const version = doc.version;
    const file = fileOf(doc);
    const started = Date.now();
    const done = (async (): Promise<CsvDocumentModel | undefined> => {
      try {
        const index = await buildCsvIndexAsync(doc.getText(), { file, delimiter: delimiterForLanguage(doc.languageId), signal: controller.signal });
        if (controller.signal.aborted || doc.isClosed || doc.version !== version) return undefined;
        this.log.info(`${file}: indexed ${index.recordCount} records in ${Date.now() - started} ms (in the background)`);
        const model = this.store(doc, version, index);
        this.changed.fire(doc);
        return model;
      } catch (err) {
        if (!controller.signal.aborted) this.log.error(`${file}: could not read as CSV: ${err instanceof Error ? err.message : String(err)}`);
        return undefined;
      } finally {
        if (this.builds.get(key)?.controller === controller) this.builds.delete(key);
      }
    })();
    const build: Build = { document: doc, version, controller, done };
    this.builds.set(key, build);
    return build;
  }

  private recognise(doc: vscode.TextDocument, index: CsvDocumentIndex): RecognisedTable | null {
    return index.header.length ? recogniseTable(index.header, this.dictionary(), doc.fileName) : null;
  }

  private store(doc: vscode.TextDocument, version: number, index: CsvDocumentIndex): CsvDocumentModel {
    const key = doc.uri.toString();
    const model: CsvDocumentModel = { document: doc, uri: key, version, index, text: documentText(doc), table: this.recognise(doc, index) };
    this.logProblems(key, index, index.file ?? key);
    this.cache.delete(key);
    this.cache.set(key, model);
    while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    return model;
  }

  /** Logs a document's CSV problems once per distinct set (not on every keystroke). */
  private logProblems(key: string, found: { problems: CsvProblem[]; problemCount: number }, file: string): void {
    const signature = `${found.problemCount}|${found.problems[0]?.line}:${found.problems[0]?.column}`;
    if (this.loggedProblems.get(key) === signature) return;
    this.loggedProblems.set(key, signature);
    if (found.problemCount === 0) return;
    this.log.warn(`${file}: ${found.problemCount} CSV problem(s); hover still works on the rows that parse`);
    for (const p of found.problems.slice(0, PROBLEMS_LOGGED)) this.log.warn(`${p.file ?? file}:${p.line}:${p.column}: ${p.kind}: ${p.message}`);
    if (found.problemCount > PROBLEMS_LOGGED) this.log.warn(`${file}: … ${found.problemCount - PROBLEMS_LOGGED} more`);
  }

  private forget(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    if (this.cache.get(key)?.document === doc) this.cache.delete(key);
    if (this.builds.get(key)?.document === doc) this.cancel(key);
    this.loggedProblems.delete(key);
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
  }

  dispose(): void {
    for (const t of this.pending.values()) clearTimeout(t);
    this.pending.clear();
    for (const key of [...this.builds.keys()]) this.cancel(key);
    this.cache.clear();
    for (const d of this.disposables) d.dispose();
  }
}

function fileOf(doc: vscode.TextDocument): string {
  return doc.uri.scheme === 'file' ? doc.uri.fsPath : doc.uri.toString();
}

/** Rainbow CSV's language ids fix the delimiter; for ours it is detected. */
function delimiterForLanguage(languageId: string): string | undefined {
  switch (languageId) {
    case 'tsv': return '\t';
    case 'csv (semicolon)': return ';';
    case 'csv (pipe)': return '|';
    default: return undefined;
  }
}
