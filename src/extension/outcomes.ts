// "IAPT: Compute Outcomes": runs the outcome engine on the workspace's tables (or a chosen folder) in a worker
// thread with cancellable progress, shows a summary, offers the per-pathway CSV and keeps the result in the
// core outcome store for other features. Tests drive it with an argument instead of dialogs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import {
  badInputLines, formatOutcomeReport, outcomeCsvLines, outcomeStore, summaryJson, thresholdsWith, writeFileAtomic,
  type OutcomeResult, type OutcomeSummary,
} from '../core/outcomes';
import { escapeMarkdown } from '../core/hover/escapeMarkdown';
import { visible } from '../core/text/visible';
import { ReadOnlyDocuments } from './readOnlyDocuments';
import { runOutcomeJob, type OutcomeJob, type OutcomeWorkerMessage } from './outcomesWorker';

export const COMPUTE_OUTCOMES_COMMAND = 'iapt.computeOutcomes';

/** Optional argument of the command (integration tests, other commands): no dialogs when `silent`. */
export interface ComputeOutcomesArgs {
  folder?: string;
  files?: string[];
  outFile?: string;
  summaryFile?: string;
  from?: string;
  to?: string;
  silent?: boolean;
}

export interface ComputeOutcomesReturn {
  summary: OutcomeSummary;
  pathways: number;
  exclusions: OutcomeResult['exclusions'];
  warnings: string[];
  basis: OutcomeResult['basis'];
  report: string;
  /** where the computation ran: a worker thread, or the extension host when dist/outcomesWorker.js is missing */
  ranIn: 'worker' | 'extension host';
}

type Done = Extract<OutcomeWorkerMessage, { type: 'done' }> & { ranIn?: ComputeOutcomesReturn['ranIn'] };

export function registerOutcomeCommands(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  const results = new ReadOnlyDocuments();
  context.subscriptions.push(results, vscode.commands.registerCommand(COMPUTE_OUTCOMES_COMMAND,
    (args?: ComputeOutcomesArgs) => computeOutcomesCommand(context, log, results, args ?? {})));
}

async function chooseSources(args: ComputeOutcomesArgs): Promise<{ paths: string[]; label: string } | undefined> {
  if (args.folder) return { paths: [args.folder], label: args.folder };
  if (args.files?.length) return { paths: args.files, label: `${args.files.length} file(s)` };
  const found = (await vscode.workspace.findFiles('**/*.{csv,tsv,txt,CSV,TSV,TXT}', '**/{node_modules,.git}/**', 10_000))
    .filter((u) => u.scheme === 'file').map((u) => u.fsPath);
  if (args.silent) return found.length ? { paths: found, label: 'workspace' } : undefined;
  const pickFolder = async () => {
    const chosen = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Compute outcomes' });
    return chosen?.[0] ? { paths: [chosen[0].fsPath], label: chosen[0].fsPath } : undefined;
  };
  if (found.length === 0) return pickFolder();
  const choice = await vscode.window.showQuickPick([
    { label: `Workspace tables (${found.length} CSV/TSV file(s))`, id: 'workspace' },
    { label: 'Choose a folder…', id: 'folder' },
  ], { title: 'IAPT: Compute Outcomes', placeHolder: 'Which extract?' });
  if (!choice) return undefined;
  return choice.id === 'workspace' ? { paths: found, label: 'workspace' } : pickFolder();
}

/** Runs the job in dist/outcomesWorker.js (in-process with yields when the bundle is absent, e.g. from sources). */
function runJob(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, job: OutcomeJob,
  onProgress: (m: string, fraction: number) => void, token: vscode.CancellationToken): Promise<Done | Extract<OutcomeWorkerMessage, { type: 'error' }> | undefined> {
  return new Promise((resolve, reject) => {
    const handle = (m: OutcomeWorkerMessage) => {
      if (m.type === 'progress') onProgress(m.message, m.fraction);
      else resolve(m.type === 'done' ? { ...m, ranIn: 'extension host' } : m);
    };
    const workerFile = path.join(context.extensionPath, 'dist', 'outcomesWorker.js');
    if (!fs.existsSync(workerFile)) {
      log.warn(`outcomes: ${workerFile} not found; computing in the extension host`);
      const ac = new AbortController();
      token.onCancellationRequested(() => ac.abort());
      runOutcomeJob(job, handle, ac.signal).then(() => { if (ac.signal.aborted) resolve(undefined); }, (err) => (ac.signal.aborted ? resolve(undefined) : reject(err)));
      return;
    }
    const worker = new Worker(workerFile, { workerData: { outcomeJob: job } });
    let settled = false;
    const finish = (v: Done | Extract<OutcomeWorkerMessage, { type: 'error' }> | undefined) => { if (!settled) { settled = true; resolve(v); } };
    token.onCancellationRequested(() => { void worker.terminate(); finish(undefined); });
    worker.on('message', (m: OutcomeWorkerMessage) => {
      if (m.type === 'progress') onProgress(m.message, m.fraction);
      else { finish(m.type === 'done' ? { ...m, ranIn: 'worker' } : m); void worker.terminate(); }
    });
    worker.on('error', (err) => { if (!settled) { settled = true; reject(err); } });
    worker.on('exit', (code) => finish(code === 0 || token.isCancellationRequested ? undefined : { type: 'error', kind: 'internal', message: `outcome worker stopped (exit code ${code})` }));
  });
}

function readThresholdSetting(): { value?: unknown; error?: string } {
  const value = vscode.workspace.getConfiguration('iapt.outcomes').get<unknown>('thresholds');
  if (value === undefined || value === null || (typeof value === 'object' && Object.keys(value as object).length === 0)) return {};
  try {
    thresholdsWith(value);
    return { value };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

async function computeOutcomesCommand(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, results: ReadOnlyDocuments, args: ComputeOutcomesArgs): Promise<ComputeOutcomesReturn | undefined> {
  const say = (kind: 'info' | 'error', text: string) => {
    if (kind === 'error') log.error(text); else log.info(text);
    if (!args.silent) void (kind === 'error' ? vscode.window.showErrorMessage(text) : vscode.window.showInformationMessage(text));
  };
  const setting = readThresholdSetting();
  if (setting.error) { say('error', `IAPT outcomes: the setting ${setting.error}`); return undefined; }
  const sources = await chooseSources(args);
  if (!sources) {
    if (args.silent) say('error', 'IAPT outcomes: no CSV/TSV files in the workspace');
    return undefined;
  }
  const job: OutcomeJob = { paths: sources.paths, thresholds: setting.value, period: args.from || args.to ? { from: args.from, to: args.to } : undefined };
  log.info(`outcomes: computing on ${sources.label}`);
  const message = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'IAPT: Computing outcomes', cancellable: true },
    async (progress, token) => {
      let reported = 0;
      return runJob(context, log, job, (text, fraction) => {
        const pct = Math.round(fraction * 100);
        progress.report({ message: text, increment: Math.max(0, pct - reported) });
        reported = Math.max(reported, pct);
      }, token);
    },
  );
  if (!message) { log.info('outcomes: cancelled'); return undefined; }
  if (message.type === 'error') { say('error', `IAPT outcomes: ${message.message}`); return undefined; }
  const { result } = message;
  outcomeStore.set(result, sources.label);
  const report = formatOutcomeReport(result, { maxDisagreements: 200 })
    + (message.ignored.length ? `\n## Files not used\n${message.ignored.map((i) => `- \`${visible(i.path).replace(/`/g, "'")}\`: ${escapeMarkdown(visible(i.reason))}`).join('\n')}\n` : '')
    + (message.missing.length ? `\nNot found: ${message.missing.map((m) => escapeMarkdown(visible(m))).join(', ')}\n` : '');
  log.info(`outcomes: ${result.pathways.length} pathways, ${result.summary.finished} finished, recovery ${result.summary.recovery_rate?.toFixed(1) ?? 'n/a'}%, ${result.disagreementCount} derived-field disagreements`);
  for (const w of result.warnings) log.warn(`outcomes: ${w}`);
  for (const l of badInputLines(result)) if (l) log.info(`outcomes: ${l.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')}`);
  // outputs never replace an input table; a failed write is an error, never a success
  const inputs = [...sources.paths, ...result.tables.map((t) => t.name)];
  try {
    if (args.outFile) await writeFileAtomic(args.outFile, outcomeCsvLines(result.pathways), { inputs });
    if (args.summaryFile) await writeFileAtomic(args.summaryFile, [summaryJson(result.summary)], { inputs });
  } catch (err) {
    say('error', `IAPT outcomes: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
  if (!args.silent) void showResult(result, report, log, results, inputs);
  return {
    summary: result.summary, pathways: result.pathways.length, exclusions: result.exclusions, warnings: result.warnings,
    basis: result.basis, report, ranIn: message.ranIn ?? 'worker',
  };
}

async function showResult(result: OutcomeResult, report: string, log: vscode.LogOutputChannel, results: ReadOnlyDocuments, inputs: string[]): Promise<void> {
  const doc = await results.open('IAPT outcomes.md', report);
  await vscode.window.showTextDocument(doc, { preview: true });
  const s = result.summary;
  const pick = await vscode.window.showInformationMessage(
    `IAPT outcomes: ${s.finished} finished a course; recovery ${s.recovery_rate?.toFixed(1) ?? 'n/a'}%, reliable improvement ${s.reliable_improvement_rate?.toFixed(1) ?? 'n/a'}%.`,
    'Save per-pathway CSV…', 'Open per-pathway CSV');
  try {
    if (pick === 'Save per-pathway CSV…') {
      const target = await vscode.window.showSaveDialog({ filters: { CSV: ['csv'] }, saveLabel: 'Save outcomes', defaultUri: vscode.Uri.file(path.join(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '', 'outcomes.csv')) });
      if (target) {
        await writeFileAtomic(target.fsPath, outcomeCsvLines(result.pathways), { inputs });
        log.info(`outcomes: wrote ${target.fsPath}`);
        await vscode.window.showTextDocument(target);
      }
    } else if (pick === 'Open per-pathway CSV') {
      const csv = [...outcomeCsvLines(result.pathways)].join('');
      await vscode.window.showTextDocument(await results.open('IAPT outcomes per pathway.csv', csv));
    }
  } catch (err) {
    void vscode.window.showErrorMessage(`IAPT outcomes: could not save the CSV: ${err instanceof Error ? err.message : String(err)}`);
  }
}
