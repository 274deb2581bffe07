// "IAPT: Describe Table": for the active CSV, the recognised table, layout, version and recognised /
// unrecognised columns, in a read-only plain-text document (and in the log).
import * as vscode from 'vscode';
import { describeTableText } from '../core/hover';
import type { Dictionary } from '../core/dictionary';
import { isCsvDocument, type CsvDocuments } from './csvDocuments';

export const DESCRIBE_TABLE_COMMAND = 'iapt.describeTable';
const SCHEME = 'iapt-describe';

/** Read-only documents holding the descriptions, by URI. */
class DescriptionStore implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  set(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? 'This description is no longer available: run "IAPT: Describe Table" again.\n';
  }

  dispose(): void {
    this.changed.dispose();
    this.texts.clear();
  }
}

export function registerDescribeTable(context: vscode.ExtensionContext, documents: CsvDocuments, dictionary: () => Dictionary, log: vscode.LogOutputChannel): void {
  const store = new DescriptionStore();
  context.subscriptions.push(
    store,
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, store),
    vscode.commands.registerCommand(DESCRIBE_TABLE_COMMAND, async (target?: vscode.Uri) => {
      const doc = target ? await vscode.workspace.openTextDocument(target) : vscode.window.activeTextEditor?.document;
      if (!doc || !isCsvDocument(doc)) {
        void vscode.window.showInformationMessage('IAPT: Describe Table works on an open CSV or TSV file.');
        return undefined;
      }
      const model = await documents.getNow(doc);
      const file = doc.uri.scheme === 'file' ? doc.uri.fsPath : doc.uri.toString();
      const text = describeTableText(dictionary(), {
        file,
        table: model.table,
        header: model.index.header,
        rows: model.index.recordCount,
        problemCount: model.index.problemCount,
        delimiter: model.index.delimiter,
      });
      log.info(`Describe Table ${file}:\n${text}`);
      const name = doc.uri.path.split('/').pop() || 'table';
      const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${name} (IAPT table).txt`, query: doc.uri.toString() });
      store.set(uri, text);
      const shown = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(shown, { preview: true, viewColumn: vscode.ViewColumn.Beside });
      return text;
    }),
  );
}
