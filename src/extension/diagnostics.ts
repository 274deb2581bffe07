// Validation in the editor: Problems-panel diagnostics for open CSV/TSV documents (debounced, in a worker thread,
// cleared on close), "IAPT: Validate Workspace" for every table file on disk (also files over 50 MB, streamed in a
// worker, published by URI, cancellable progress), quick fixes for spreadsheet damage whose repair is certain, and
// settings for rule groups, severities and the cap per file. Thin adapter: all checks are src/core/validation.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import { fieldRangeInLine, type Finding, type RuleSelection, type Severity, type ValidationRun } from '../core/validation';
import { runValidateJob, type ValidateJob, type ValidateWorkerMessage } from './validateWorker';

export const VALIDATE_WORKSPACE_COMMAND = 'iapt.validateWorkspace';
const SOURCE = 'IAPT';
const DEBOUNCE_MS = 400;
const TABLE_FILE = /\.(csv|tsv)$/i;

export interface ValidateWorkspaceArgs {
  folder?: string;
  files?: string[];
  silent?: boolean;
}

export interface ValidateWorkspaceReturn {
  files: number;
  counts: ValidationRun['counts'];
  findings: number;
  ranIn: 'worker' | 'extension host';
}

type Done = Extract<ValidateWorkerMessage, { type: 'done' }>;

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error, warning: vscode.DiagnosticSeverity.Warning, information: vscode.DiagnosticSeverity.Information,
};

/** A cross-file finding needs the other files: only "Validate Workspace" gives it, so it is kept for open documents. */
const crossFile = (f: Finding) => f.rule === 'IAPTX050' || (f.related ?? []).some((r) => r.file !== f.file);

function selectionFromSettings(): RuleSelection {
  const c = vscode.workspace.getConfiguration('iapt.validation');
  const severity = c.get<Record<string, string>>('severity') ?? {};
  const clean: Record<string, Severity | 'off'> = {};
  for (const [id, s] of Object.entries(severity)) if (['error', 'warning', 'information', 'off'].includes(s)) clean[id.toUpperCase()] = s as Severity | 'off';
  const max = c.get<number>('maxFindingsPerFile') ?? 1000;
  return { groupsOff: c.get<string[]>('groupsOff') ?? [], severity: clean, maxPerFile: Number.isInteger(max) && max > 0 ? max : 1000 };
}

function isTableDocument(d: vscode.TextDocument): boolean {
  return (d.uri.scheme === 'file' || d.uri.scheme === 'untitled') && (TABLE_FILE.test(d.fileName) || d.languageId === 'csv' || d.languageId === 'tsv');
}

class ValidationDiagnostics implements vscode.CodeActionProvider, vscode.Disposable {
  private readonly documents = vscode.languages.createDiagnosticCollection('iapt');
  private readonly workspace = vscode.languages.createDiagnosticCollection('iapt-workspace');
  private readonly fixes = new WeakMap<vscode.Diagnostic, { value: string; title: string }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, vscode.CancellationTokenSource>();
  private readonly workspaceFindings = new Map<string, Finding[]>();
  private readonly validated = new Set<string>();
  private readonly docUri: vscode.Uri;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly context: vscode.ExtensionContext, private readonly log: vscode.LogOutputChannel) {
    this.docUri = vscode.Uri.joinPath(context.extensionUri, 'docs', 'validation-rules.md');
    this.subscriptions.push(
      this.documents, this.workspace,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, DEBOUNCE_MS)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('iapt.validation')) this.revalidateAll(); }),
      vscode.languages.registerCodeActionsProvider([{ scheme: 'file' }, { scheme: 'untitled' }], this, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    );
    this.revalidateAll();
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const c of this.running.values()) c.cancel();
    for (const s of this.subscriptions) s.dispose();
  }

  private enabled(): boolean {
    return vscode.workspace.getConfiguration('iapt.validation').get<boolean>('enabled') ?? true;
  }

  private revalidateAll(): void {
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  private schedule(d: vscode.TextDocument, delay: number): void {
    if (!isTableDocument(d)) return;
    const key = d.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => { this.timers.delete(key); void this.validateDocument(d); }, delay));
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.running.get(key)?.cancel();
    this.running.delete(key);
    this.validated.delete(key);
    this.documents.delete(uri);
    this.publishWorkspace(uri);
  }

  private async validateDocument(d: vscode.TextDocument): Promise<void> {
    const key = d.uri.toString();
    if (!this.enabled()) { this.documents.delete(d.uri); return; }
    this.running.get(key)?.cancel();
    const cts = new vscode.CancellationTokenSource();
    this.running.set(key, cts);
    const version = d.version;
    const file = d.uri.scheme === 'file' ? d.uri.fsPath : d.fileName;
    try {
      const result = await this.runJob({ kind: 'text', text: d.getText(), file, selection: selectionFromSettings() }, () => undefined, cts.token);
      if (!result || result.type !== 'done' || cts.token.isCancellationRequested || d.isClosed || d.version !== version) return;
      this.documents.set(d.uri, result.findings.map((f) => this.diagnostic(f, d, result.delimiter ?? ',')));
      this.validated.add(key);
      this.publishWorkspace(d.uri);
    } catch (err) {
      this.log.error(`validation of ${d.fileName}: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      if (this.running.get(key) === cts) this.running.delete(key);
      cts.dispose();
    }
  }

  /** Workspace findings of a file; for an open, validated document only those needing the other files. */
  private publishWorkspace(uri: vscode.Uri): void {
    const all = this.workspaceFindings.get(uri.toString());
    if (!all) return;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const shown = this.validated.has(uri.toString()) ? all.filter(crossFile) : all;
    const delimiter = uri.fsPath.toLowerCase().endsWith('.tsv') ? '\t' : ',';
    this.workspace.set(uri, shown.map((f) => this.diagnostic(f, doc, delimiter)));
  }

  private diagnostic(f: Finding, doc: vscode.TextDocument | undefined, delimiter: string): vscode.Diagnostic {
    const line = Math.max(0, f.line - 1);
    let range = new vscode.Range(line, 0, line, 0);
    if (doc && line < doc.lineCount) {
      const text = doc.lineAt(line).text;
      const r = f.field === '' && f.column <= 1 ? { start: 0, end: text.length } : fieldRangeInLine(text, f.column, delimiter);
      range = new vscode.Range(line, r.start, line, r.end);
    }
    const d = new vscode.Diagnostic(range, f.message, SEVERITY[f.severity]);
    d.source = SOURCE;
    d.code = { value: f.rule, target: this.docUri.with({ fragment: f.rule.toLowerCase() }) };
    if (f.related?.length) {
      d.relatedInformation = f.related.map((r) => new vscode.DiagnosticRelatedInformation(
        new vscode.Location(vscode.Uri.file(r.file), new vscode.Position(Math.max(0, r.line - 1), 0)), r.message));
    }
    if (f.fix) this.fixes.set(d, f.fix);
    return d;
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const out: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      const fix = this.fixes.get(d);
      if (!fix || d.range.isEmpty) continue;
      const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, d.range, fix.value);
      action.diagnostics = [d];
      action.isPreferred = true;
      out.push(action);
    }
    return out;
  }

  /** Runs a job in dist/validateWorker.js (in the extension host when the bundle is absent, e.g. from sources). */
  runJob(job: ValidateJob, onProgress: (m: string, fraction: number) => void, token: vscode.CancellationToken): Promise<(Done & { ranIn: ValidateWorkspaceReturn['ranIn'] }) | Extract<ValidateWorkerMessage, { type: 'error' }> | undefined> {
    return new Promise((resolve, reject) => {
      const workerFile = path.join(this.context.extensionPath, 'dist', 'validateWorker.js');
      if (!fs.existsSync(workerFile)) {
        const ac = new AbortController();
        token.onCancellationRequested(() => ac.abort());
        runValidateJob(job, (m) => {
          if (m.type === 'progress') onProgress(m.message, m.fraction);
          else resolve(m.type === 'done' ? { ...m, ranIn: 'extension host' } : m);
        }, ac.signal).then(() => { if (ac.signal.aborted) resolve(undefined); }, (err) => (ac.signal.aborted ? resolve(undefined) : reject(err)));
        return;
      }
      const worker = new Worker(workerFile, { workerData: { validateJob: job } });
      let settled = false;
      const finish = (v: Parameters<typeof resolve>[0]) => { if (!settled) { settled = true; resolve(v); } };
      token.onCancellationRequested(() => { void worker.terminate(); finish(undefined); });
      worker.on('message', (m: ValidateWorkerMessage) => {
        if (m.type === 'progress') onProgress(m.message, m.fraction);
        else { finish(m.type === 'done' ? { ...m, ranIn: 'worker' } : m); void worker.terminate(); }
      });
      worker.on('error', (err) => { if (!settled) { settled = true; reject(err); } });
      worker.on('exit', (code) => finish(code === 0 || token.isCancellationRequested ? undefined : { type: 'error', message: `validation worker stopped (exit code ${code})` }));
    });
  }

  async validateWorkspace(args: ValidateWorkspaceArgs): Promise<ValidateWorkspaceReturn | undefined> {
    let files: string[];
    if (args.files?.length) files = args.files;
    else {
      const base = args.folder ? new vscode.RelativePattern(vscode.Uri.file(args.folder), '**/*.{csv,tsv,CSV,TSV}') : '**/*.{csv,tsv,CSV,TSV}';
      files = (await vscode.workspace.findFiles(base, '**/{node_modules,.git}/**', 100_000)).filter((u) => u.scheme === 'file').map((u) => u.fsPath).sort();
    }
    if (files.length === 0) {
      if (!args.silent) void vscode.window.showInformationMessage('IAPT: no CSV/TSV files to validate in the workspace.');
      return undefined;
    }
    this.log.info(`validation: ${files.length} file(s)`);
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'IAPT: Validating', cancellable: true },
      (progress, token) => {
        let reported = 0;
        return this.runJob({ kind: 'files', files, selection: selectionFromSettings() }, (message, fraction) => {
          const pct = Math.round(fraction * 100);
          progress.report({ message, increment: Math.max(0, pct - reported) });
          reported = Math.max(reported, pct);
        }, token);
      });
    if (!result) { this.log.info('validation cancelled'); return undefined; }
    if (result.type === 'error') {
      this.log.error(`validation: ${result.message}`);
      if (!args.silent) void vscode.window.showErrorMessage(`IAPT validation failed: ${result.message}`);
      return undefined;
    }
    for (const uri of this.workspaceFindings.keys()) this.workspace.delete(vscode.Uri.parse(uri));
    this.workspaceFindings.clear();
    for (const f of result.findings) {
      const key = vscode.Uri.file(f.file).toString();
      const list = this.workspaceFindings.get(key);
      if (list) list.push(f); else this.workspaceFindings.set(key, [f]);
    }
    for (const key of this.workspaceFindings.keys()) this.publishWorkspace(vscode.Uri.parse(key));
    const run = result.run!;
    const summary = `IAPT validation: ${files.length} file(s): ${run.counts.error} error(s), ${run.counts.warning} warning(s), ${run.counts.information} information`;
    this.log.info(summary);
    if (!args.silent) void vscode.window.showInformationMessage(summary, 'Show Problems').then((c) => { if (c) void vscode.commands.executeCommand('workbench.actions.view.problems'); });
    return { files: files.length, counts: run.counts, findings: result.findings.length, ranIn: result.ranIn };
  }
}

export function registerDiagnostics(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  const diagnostics = new ValidationDiagnostics(context, log);
  context.subscriptions.push(diagnostics, vscode.commands.registerCommand(VALIDATE_WORKSPACE_COMMAND,
    (args?: ValidateWorkspaceArgs) => diagnostics.validateWorkspace(args ?? {})));
}
