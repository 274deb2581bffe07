// Hover for cells of IAPT tables: the adapter between VS Code and core/hover (which builds and renders the text).
// The markdown is untrusted-safe: all content is escaped in core, and the MarkdownString enables nothing
// (no command links, no HTML, no theme icons).
import * as vscode from 'vscode';
import { cellAt } from '../core/csv';
import { describeCell, renderHoverMarkdown } from '../core/hover';
import type { Dictionary } from '../core/dictionary';
import { CSV_SELECTOR, type CsvDocuments } from './csvDocuments';

export const HOVER_SETTING = 'iapt.hover.enabled';

export class IaptHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly documents: CsvDocuments,
    private readonly dictionary: () => Dictionary,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): vscode.Hover | undefined {
    if (!vscode.workspace.getConfiguration('iapt', doc).get<boolean>('hover.enabled', true)) return undefined;
    try {
      const model = this.documents.get(doc);
      if (!model?.table || token.isCancellationRequested) return undefined;
      const cell = cellAt(model.index, model.text, doc.offsetAt(position));
      if (!cell) return undefined;
      const row = cell.recordIndex === -1 ? null : cell.fields;
      const description = describeCell(this.dictionary(), { table: model.table, header: model.index.header, row, column: cell.fieldIndex });
      if (!description) return undefined;
      const markdown = new vscode.MarkdownString(renderHoverMarkdown(description));
      markdown.isTrusted = false;
      markdown.supportHtml = false;
      markdown.supportThemeIcons = false;
      const range = new vscode.Range(doc.positionAt(cell.startOffset), doc.positionAt(Math.max(cell.startOffset, cell.endOffset)));
      return new vscode.Hover(markdown, range);
    } catch (err) {
      this.log.error(`hover failed in ${doc.uri.toString()} at ${position.line + 1}:${position.character + 1}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      return undefined;
    }
  }
}

export function registerHover(context: vscode.ExtensionContext, documents: CsvDocuments, dictionary: () => Dictionary, log: vscode.LogOutputChannel): void {
  context.subscriptions.push(
    vscode.languages.registerHoverProvider(CSV_SELECTOR, new IaptHoverProvider(documents, dictionary, log)),
    vscode.commands.registerCommand('iapt.toggleHover', async () => {
      const config = vscode.workspace.getConfiguration('iapt');
      const next = !config.get<boolean>('hover.enabled', true);
      await config.update('hover.enabled', next, vscode.ConfigurationTarget.Global);
      log.info(`hover ${next ? 'enabled' : 'disabled'}`);
      void vscode.window.setStatusBarMessage(`IAPT hover ${next ? 'on' : 'off'}`, 3000);
    }),
  );
}
