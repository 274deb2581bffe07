// Helpers for integration suites (run inside the real extension host; import 'vscode' freely here).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import pkg from '../../package.json';

/** publisher.name from package.json, e.g. "iapt-explorer.iapt-explorer". */
export const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;

/** The extension under test (throws when it is not loaded). */
export function extension(): vscode.Extension<unknown> {
  const found = vscode.extensions.getExtension(EXTENSION_ID);
  if (!found) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  return found;
}

/** The extension's package.json as VS Code loaded it (so contributions reflect the build under test). */
export function manifest(): Record<string, any> {
  return extension().packageJSON as Record<string, any>;
}

function repoRootFrom(dir: string): string {
  for (let current = dir; ; current = path.dirname(current)) {
    const candidate = path.join(current, 'package.json');
    if (existsSync(candidate) && JSON.parse(readFileSync(candidate, 'utf8')).name === pkg.name) return current;
    if (path.dirname(current) === current) throw new Error(`no ${pkg.name} package.json above ${dir}`);
  }
}

/**
 * Absolute path of a fixture. The launchers open a scratch copy of test/integration/fixtures as the
 * workspace; when no workspace is open, the repo's own fixtures folder is used (read-only use only!).
 */
export function fixturePath(name: string): string {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const candidate = path.join(folder.uri.fsPath, name);
    if (existsSync(candidate)) return candidate;
  }
  return path.join(repoRootFrom(__dirname), 'test', 'integration', 'fixtures', name);
}

export function fixtureUri(name: string): vscode.Uri {
  return vscode.Uri.file(fixturePath(name));
}

/** Opens a fixture in an editor (as a user would) and returns its document. */
export async function openFixture(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(name));
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

/** Writes `content` to `dir/name` (a test's own scratch folder) and opens it in an editor. */
export async function openScratchFile(dir: string, name: string, content: string): Promise<vscode.TextDocument> {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

/** Position of the start of `cell` in the first line that contains `lineMarker` (e.g. a unique id). */
export function positionOfCell(document: vscode.TextDocument, lineMarker: string, cell: string): vscode.Position {
  for (let line = 0; line < document.lineCount; line++) {
    const text = document.lineAt(line).text;
    if (!text.includes(lineMarker)) continue;
    const fields = text.split(/[,\t|]/);
    let offset = 0;
    for (const field of fields) {
      if (field === cell) return new vscode.Position(line, offset);
      offset += field.length + 1;
    }
    throw new Error(`no cell "${cell}" in line ${line + 1}: ${text}`);
  }
  throw new Error(`no line containing "${lineMarker}" in ${document.uri.fsPath}`);
}

function markedText(content: vscode.MarkdownString | vscode.MarkedString): string {
  if (typeof content === 'string') return content;
  return content.value;
}

/** All hover text the registered providers return at a position (vscode.executeHoverProvider). */
export async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return (hovers ?? []).flatMap((hover) => hover.contents.map(markedText)).join('\n');
}

/** Polls `probe` until it returns a truthy value or `timeoutMs` passes (no timing assertions: waits only). */
export async function waitFor<T>(probe: () => Promise<T> | T, timeoutMs = 20_000, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!last && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    last = await probe();
  }
  return last;
}
