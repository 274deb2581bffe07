// Parses open CSV/TSV documents and recognises their IAPT table, caching one result per document URI+version.
// Small documents are parsed on demand; big ones are parsed after a pause in typing (debounced) and features
// get nothing until the parse is ready, so hovers never wait on a big parse. CSV problems go to the log.
import * as vscode from 'vscode';
import { parseCsvText, type ParsedCsv } from '../core/csv';
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

/** Above this many chars a document is parsed off the hover path (debounced), not on demand. */
export const SYNC_PARSE_LIMIT = 2_000_000;
const DEBOUNCE_MS = 300;
const CACHE_SIZE = 8;
const PROBLEMS_LOGGED = 20;

export interface CsvDocumentModel {
  /** the document object itself: an untitled URI can be reused by a new document, restarting at version 1 */
  document: vscode.TextDocument;
  uri: string;
  version: number;
  parsed: ParsedCsv;
  /** null when the header is no IAPT table */
  table: RecognisedTable | null;
}

export function isCsvDocument(doc: vscode.TextDocument): boolean {
  return CSV_LANGUAGE_IDS.includes(doc.languageId) || (doc.languageId === 'plaintext' && /\.(csv|tsv|tab)$/i.test(doc.fileName));
}

export class CsvDocuments implements vscode.Disposable {
  private readonly cache = new Map<string, CsvDocumentModel>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly loggedProblems = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.TextDocument>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** Fires when a document's model was (re)built in the background. */
  readonly onDidParse = this.changed.event;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private dictionary: () => Dictionary,
  ) {
    // Only documents shown in an editor are parsed ahead of use; others are parsed when a feature asks.
    const shown = (doc: vscode.TextDocument): boolean => vscode.window.visibleTextEditors.some((e) => e.document === doc);
    this.disposables.push(
      vscode.window.onDidChangeVisibleTextEditors((editors) => { for (const e of editors) this.schedule(e.document); }),
      vscode.workspace.onDidChangeTextDocument((e) => { if (shown(e.document)) this.schedule(e.document); }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.forget(doc)),
    );
  }

  /**
   * The model of a document at its current version: built now for a small document, undefined while a big
   * one is still waiting for its background parse (which is then scheduled).
   */
  get(doc: vscode.TextDocument): CsvDocumentModel | undefined {
    if (!isCsvDocument(doc)) return undefined;
    const key = doc.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.document === doc && hit.version === doc.version) {
      this.cache.delete(key); // most recently used last
      this.cache.set(key, hit);
      return hit;
    }
    if (doc.getText().length > SYNC_PARSE_LIMIT) {
      this.schedule(doc);
      return undefined;
    }
    return this.build(doc);
  }

  /** Parse now whatever the size (for explicit commands). */
  getNow(doc: vscode.TextDocument): CsvDocumentModel {
    const hit = this.cache.get(doc.uri.toString());
    return hit && hit.document === doc && hit.version === doc.version ? hit : this.build(doc);
  }

  /** Drop every model (e.g. after the dictionary changed) and rebuild the visible ones. */
  invalidateAll(): void {
    this.cache.clear();
    for (const editor of vscode.window.visibleTextEditors) this.schedule(editor.document);
  }

  private schedule(doc: vscode.TextDocument): void {
    if (!isCsvDocument(doc)) return;
    const key = doc.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(key, setTimeout(() => {
      this.pending.delete(key);
      if (doc.isClosed) return;
      const hit = this.cache.get(key);
      if (hit && hit.document === doc && hit.version === doc.version) return;
      this.build(doc);
      this.changed.fire(doc);
    }, DEBOUNCE_MS));
  }

  private build(doc: vscode.TextDocument): CsvDocumentModel {
    const key = doc.uri.toString();
    const file = doc.uri.scheme === 'file' ? doc.uri.fsPath : key;
    let model: CsvDocumentModel;
    try {
      const parsed = parseCsvText(doc.getText(), { file, delimiter: delimiterForLanguage(doc.languageId) });
      const table = parsed.header.length ? recogniseTable(parsed.header, this.dictionary(), doc.fileName) : null;
      model = { document: doc, uri: key, version: doc.version, parsed, table };
      this.logProblems(key, parsed, file);
    } catch (err) {
      // The parser is meant never to throw; if it does, the document is simply not served.
      this.log.error(`${file}: could not read as CSV: ${err instanceof Error ? err.message : String(err)}`);
      model = { document: doc, uri: key, version: doc.version, parsed: { delimiter: ',', header: [], records: [], problems: [], problemCount: 0 }, table: null };
    }
    this.cache.delete(key);
    this.cache.set(key, model);
    while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    return model;
  }

  /** Logs a document's CSV problems once per distinct set (not on every keystroke). */
  private logProblems(key: string, parsed: ParsedCsv, file: string): void {
    const signature = `${parsed.problemCount}|${parsed.problems[0]?.line}:${parsed.problems[0]?.column}`;
    if (this.loggedProblems.get(key) === signature) return;
    this.loggedProblems.set(key, signature);
    if (parsed.problemCount === 0) return;
    this.log.warn(`${file}: ${parsed.problemCount} CSV problem(s); hover still works on the rows that parse`);
    for (const p of parsed.problems.slice(0, PROBLEMS_LOGGED)) this.log.warn(`${p.file ?? file}:${p.line}:${p.column}: ${p.kind}: ${p.message}`);
    if (parsed.problemCount > PROBLEMS_LOGGED) this.log.warn(`${file}: … ${parsed.problemCount - PROBLEMS_LOGGED} more`);
  }

  private forget(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    if (this.cache.get(key)?.document === doc) this.cache.delete(key);
    this.loggedProblems.delete(key);
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
  }

  dispose(): void {
    for (const t of this.pending.values()) clearTimeout(t);
    this.pending.clear();
    this.cache.clear();
    for (const d of this.disposables) d.dispose();
  }
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
