// Extension entry point: creates the log channel, loads the dictionary (built-in + user files) and registers
// one feature per file. Everything is disposed through context.subscriptions. No network, no telemetry.
import { moduleLoadStart } from './loadClock';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { registerChart, type ChartApi } from './chart';
import { CsvDocuments } from './csvDocuments';
import { registerDescribeTable } from './describeTable';
import { registerDiagnostics } from './diagnostics';
import { DictionaryService } from './dictionaryConfig';
import { registerHover } from './hover';
import { registerLinkedTables } from './linkedTables';
import { registerOutcomeCommands } from './outcomes';
import { registerStatusBar, type StatusBarState } from './statusBar';

const RAINBOW_CSV = 'mechatroner.rainbow-csv';

/** What activate() returns: a small API for the integration tests (and other extensions). */
export interface IaptExplorerApi {
  /** what the status bar item shows now */
  statusBar(): StatusBarState;
  /** reload the user dictionaries now; resolves with the number of errors */
  reloadDictionaries(): Promise<number>;
  /** the score chart panel ("IAPT: Plot Scores") */
  chart: ChartApi;
  /** how long activation took: activate()'s body, and from the bundle starting to evaluate to the end of activate() */
  activationTime(): { activateMs: number; withModuleLoadMs: number };
}

export function activate(context: vscode.ExtensionContext): IaptExplorerApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('IAPT Explorer', { log: true });
  context.subscriptions.push(log);
  log.info(`IAPT Explorer ${String(context.extension.packageJSON.version ?? '')} activating (workspace ${vscode.workspace.isTrusted ? 'trusted' : 'not trusted'})`);

  const dictionaries = new DictionaryService(log);
  const dictionary = () => dictionaries.current;
  const documents = new CsvDocuments(log, dictionary);
  context.subscriptions.push(dictionaries, documents, dictionaries.onDidChange(() => documents.invalidateAll()));

  registerHover(context, documents, dictionary, log);
  registerDescribeTable(context, documents, dictionary, log);
  const statusBar = registerStatusBar(context, documents);
  registerOutcomeCommands(context, log);
  registerDiagnostics(context, log);
  const linked = registerLinkedTables(context, documents, log);
  const chart = registerChart(context, log, documents);
  // the chart reads its rows from the linked-tables index (one index, in its worker) and uses its quick pick
  chart.setSource({
    lookup: async (selection) => linked.linkedPathways(selection.id, selection.kind, selection.folder),
    pick: async () => { const m = await linked.chooseId(); return m ? { kind: m.kind, id: m.id, folder: m.folder } : undefined; },
  });

  if (vscode.extensions.getExtension(RAINBOW_CSV)) {
    log.info('Rainbow CSV is installed: IAPT hovers and the status bar also serve its language ids; both extensions colour csv/tsv columns and VS Code uses one of the two grammars');
  }
  void dictionaries.start().catch((err: unknown) => log.error(`dictionary: ${err instanceof Error ? err.message : String(err)}`));
  const ended = performance.now();
  const timing = { activateMs: ended - started, withModuleLoadMs: ended - moduleLoadStart };
  log.info(`IAPT Explorer activated in ${timing.activateMs.toFixed(1)} ms (${timing.withModuleLoadMs.toFixed(1)} ms including loading the extension's modules)`);
  return { statusBar, reloadDictionaries: async () => (await dictionaries.reload()).length, activationTime: () => timing, chart };
}

export function deactivate(): void {
  // Nothing to do: every resource is disposed through context.subscriptions.
}
