// Status bar item showing the IAPT table and column under the cursor, e.g. "IDS101 · EndCode".
// Hidden for documents that are no IAPT table, and when iapt.statusBar.enabled is false.
import * as vscode from 'vscode';
import { cellAt } from '../core/csv';
import type { CsvDocuments } from './csvDocuments';
import { DESCRIBE_TABLE_COMMAND } from './describeTable';

const UPDATE_DELAY_MS = 100;

/** The text of the status bar item for a document and cursor offset, or undefined to hide it. */
export function statusBarText(documents: CsvDocuments, doc: vscode.TextDocument, offset: number): { text: string; tooltip: string } | undefined {
  const model = documents.get(doc);
  const table = model?.table;
  if (!model || !table) return undefined;
  const cell = cellAt(model.index, model.text, offset);
  const column = cell ? table.columns.find((c) => c.index === cell.fieldIndex) : undefined;
  const header = cell ? model.index.header[cell.fieldIndex] ?? `column ${cell.fieldIndex + 1}` : undefined;
  const text = header ? `${table.id} · ${header}` : table.id;
  const what = column?.field ? `${column.field.name}: ${column.field.label}` : header ? `${header}: not in the IAPT dictionary` : 'IAPT table';
  return { text: text.replace(/\$\(/g, '$\u200b('), tooltip: `${what}\n${table.layout === 'ukllc' ? 'UK LLC' : 'NHS'} layout · data set ${table.version}\nClick to describe the table` };
}

/** What the status bar item shows now (for tests and the extension's API). */
export interface StatusBarState {
  visible: boolean;
  text: string;
  tooltip: string;
}

export function registerStatusBar(context: vscode.ExtensionContext, documents: CsvDocuments): () => StatusBarState {
  const item = vscode.window.createStatusBarItem('iapt.cell', vscode.StatusBarAlignment.Right, 100);
  item.name = 'IAPT table and column';
  item.command = DESCRIBE_TABLE_COMMAND;
  let timer: ReturnType<typeof setTimeout> | undefined;

  let visible = false;

  const update = (): void => {
    const editor = vscode.window.activeTextEditor;
    const shown = editor && vscode.workspace.getConfiguration('iapt').get<boolean>('statusBar.enabled', true)
      ? statusBarText(documents, editor.document, editor.document.offsetAt(editor.selection.active))
      : undefined;
    visible = shown !== undefined;
    if (!shown) {
      item.hide();
      return;
    }
    item.text = shown.text;
    item.tooltip = shown.tooltip;
    item.show();
  };
  const later = (): void => {
    clearTimeout(timer);
    timer = setTimeout(update, UPDATE_DELAY_MS);
  };

  context.subscriptions.push(
    item,
    { dispose: () => clearTimeout(timer) },
    vscode.window.onDidChangeActiveTextEditor(later),
    vscode.window.onDidChangeTextEditorSelection(later),
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('iapt')) later(); }),
    documents.onDidParse((doc) => { if (vscode.window.activeTextEditor?.document === doc) later(); }),
  );
  later(); // not during activation: the first update may index the open file and build the dictionary (lazy work)
  return () => {
    update(); // settle any pending update so the answer matches the current cursor
    return { visible, text: visible ? item.text : '', tooltip: visible ? String(item.tooltip ?? '') : '' };
  };
}
