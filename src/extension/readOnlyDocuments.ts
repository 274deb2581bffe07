// Read-only, in-memory documents for results that hold health data (the outcome report, the per-pathway CSV).
// An untitled document would be dirty, so VS Code's hot exit would copy participant IDs into its backups on
// disk; a virtual document of our own scheme is never dirty, never backed up, and its text is dropped when it
// is closed. Saving is an explicit choice of the user (Save per-pathway CSV…, written 0600 by core/files).
import * as vscode from 'vscode';

export const READ_ONLY_SCHEME = 'iapt-output';

export class ReadOnlyDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly disposables: vscode.Disposable[];
  private counter = 0;

  constructor() {
    this.disposables = [
      vscode.workspace.registerTextDocumentContentProvider(READ_ONLY_SCHEME, this),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        if (doc.uri.scheme === READ_ONLY_SCHEME) this.texts.delete(doc.uri.toString());
      }),
    ];
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? 'This result is no longer available: run the command again.\n';
  }

  /** Opens `text` as a read-only document named `name` (its extension picks the language: .md, .csv). */
  async open(name: string, text: string): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.from({ scheme: READ_ONLY_SCHEME, path: `/${name}`, query: String(++this.counter) });
    this.texts.set(uri.toString(), text);
    return vscode.workspace.openTextDocument(uri);
  }

  /** Number of results held (closed documents are dropped). */
  get size(): number {
    return this.texts.size;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.texts.clear();
  }
}
