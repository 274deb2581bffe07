// Linked Tables in a real VS Code: choose a pathway, the tree shows it (labels from the fixture's own rows), a row
// opens its file at its line, an edit to a table reaches the tree through the file watcher, hover and cursor entries.
import * as assert from 'node:assert/strict';
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ViewRow } from '../../../src/core/linking';
import { fixturePath, hoverText, waitFor } from '../util';

interface InspectResult {
  state: string;
  tree?: string[];
  rootContexts?: string[];
  view?: { match: { id: string; kind: string }; participantId: string | null; pathways: { pathwayId: string; label: string; description: string; tables: { tableId: string; rows: ViewRow[] }[] }[] };
}

/** the fixture's rows (the generator writes no quoted fields or blank lines): header → values per line */
function rowsOf(file: string): { line: number; get: (column: string) => string }[] {
  const [head, ...lines] = readFileSync(file, 'utf8').split(/\r?\n/);
  const header = head.split(',');
  return lines.filter((l) => l !== '').map((l, i) => {
    const cells = l.split(',');
    return { line: i + 2, get: (c: string) => cells[header.indexOf(c)] ?? '' };
  });
}

describe('linked tables (sidebar tree, inspect, open a row)', function () {
  this.timeout(120_000);
  const folder = () => path.dirname(fixturePath('linked/IDS101.csv'));
  const PW = 'PW000000003';

  it('shows a chosen pathway: participant, pathway label referral → discharge, its tables and row counts', async () => {
    const r = await vscode.commands.executeCommand<InspectResult>('iapt.inspect', { id: PW, folder: folder() });
    assert.equal(r.state, 'shown');
    const ref = rowsOf(fixturePath('linked/IDS101.csv')).find((x) => x.get('PathwayID') === PW)!;
    const label = `${ref.get('ReferralRequestReceivedDate')} → ${ref.get('ServDischDate') || 'open'}`;
    assert.equal(r.view!.participantId, ref.get('Person_ID'));
    assert.ok(r.tree!.includes(`Participant ${ref.get('Person_ID')}`), r.tree!.join('\n'));
    // the participant node carries the context value that package.json's inline "Plot scores" action matches
    const manifest = vscode.extensions.all.find((e) => e.packageJSON?.name === 'iapt-explorer')!.packageJSON as { contributes: { menus: Record<string, { command: string; when: string }[]> } };
    const when = manifest.contributes.menus['view/item/context'].find((m) => m.command === 'iapt.plotScores')!.when;
    const pattern = new RegExp(/viewItem =~ \/(.*?)\//.exec(when)![1]);
    assert.ok(r.rootContexts!.some((c) => c === 'iapt.participant' && pattern.test(c)), r.rootContexts!.join(','));
    assert.ok(r.tree!.some((t) => t.startsWith(`${PW}: ${label} | `)), r.tree!.join('\n'));
    const contacts = rowsOf(fixturePath('linked/IDS201.csv')).filter((x) => x.get('PathwayID') === PW);
    const table = r.view!.pathways[0].tables.find((t) => t.tableId === 'IDS201')!;
    assert.deepEqual(table.rows.map((x) => x.line), contacts.map((x) => x.line));
  });

  it('clicking a row opens its file with that line selected', async () => {
    const r = await vscode.commands.executeCommand<InspectResult>('iapt.inspect', { id: PW, folder: folder() });
    const row = r.view!.pathways[0].tables.find((t) => t.tableId === 'IDS201')!.rows[1];
    await vscode.commands.executeCommand('iapt.linked.openRecord', row);
    const found = await waitFor(() => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.fsPath === fixturePath('linked/IDS201.csv') ? e : undefined;
    });
    assert.ok(found, 'the file of the row is the active editor');
    const editor = found;
    assert.equal(editor.selection.start.line, row.line - 1);
    const expected = readFileSync(fixturePath('linked/IDS201.csv'), 'utf8').split(/\r?\n/)[row.line - 1];
    assert.equal(editor.document.lineAt(editor.selection.start.line).text, expected);
    assert.equal(editor.document.getText(editor.selection), expected);
  });

  it('an appended row reaches the tree through the file watcher', async () => {
    const file = fixturePath('linked/IDS201.csv');
    const before = rowsOf(file).filter((x) => x.get('PathwayID') === PW).length;
    const sample = rowsOf(file).find((x) => x.get('PathwayID') === PW)!;
    appendFileSync(file, `CC999999999,${sample.get('ServiceRequestId')},${PW},${sample.get('Person_ID')},2099-01-01,10:00:00,02,5,01,,30\n`);
    const count = await waitFor(async () => {
      const r = await vscode.commands.executeCommand<InspectResult>('iapt.inspect', { id: PW, folder: folder() });
      const n = r.view!.pathways[0].tables.find((t) => t.tableId === 'IDS201')!.rows.length;
      return n === before + 1 ? n : undefined;
    }, 30_000);
    assert.equal(count, before + 1);
  });

  it('says when an ID is not found', async () => {
    const r = await vscode.commands.executeCommand<InspectResult>('iapt.inspect', { id: 'NO-SUCH-ID', folder: folder() });
    assert.equal(r.state, 'not found');
  });

  it('a hover on a PathwayID cell offers "Inspect this pathway"; the cursor entry inspects the row under it', async () => {
    const file = fixturePath('linked/IDS201.csv');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    const editor = await vscode.window.showTextDocument(doc);
    const lineNo = rowsOf(file).find((x) => x.get('PathwayID') === PW)!.line - 1;
    const col = doc.lineAt(lineNo).text.indexOf(PW) + 2;
    const text = await waitFor(async () => {
      const t = await hoverText(doc.uri, new vscode.Position(lineNo, col));
      return /Inspect this pathway/.test(t) ? t : undefined;
    }, 30_000);
    assert.match(text ?? '', /Inspect this pathway/);
    editor.selection = new vscode.Selection(lineNo, 1, lineNo, 1); // on the CareContactId cell: the row's pathway
    const r = await vscode.commands.executeCommand<InspectResult>('iapt.inspectAtCursor');
    assert.equal(r.state, 'shown');
    assert.equal(r.view!.match.id, PW);
    assert.equal(r.view!.match.kind, 'pathway');
  });
});
