import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { fixturePath, openFixture, waitFor } from '../util';

const iapt = (uri: vscode.Uri, rule?: string) => vscode.languages.getDiagnostics(uri)
  .filter((d) => d.source === 'IAPT' && (!rule || (typeof d.code === 'object' && d.code.value === rule)));
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code : undefined);
/** for waitFor: the diagnostics of a rule once there are some, else undefined (an empty array would end the wait) */
const some = (uri: vscode.Uri, rule: string) => { const found = iapt(uri, rule); return found.length > 0 ? found : undefined; };

describe('IAPT validation in the Problems panel', () => {
  afterEach(async () => {
    await vscode.workspace.getConfiguration('iapt.validation').update('groupsOff', undefined, vscode.ConfigurationTarget.Global);
  });

  it('shows catalogue findings of an open CSV at the cell, the code linking to the rule\'s documentation', async () => {
    const doc = await openFixture('validation/IDS201.csv');
    const found = (await waitFor(() => some(doc.uri, 'IDS20156'))) ?? [];
    assert.equal(found.length, 1, 'AppType 09 is not a valid appointment type');
    const d = found[0];
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(d.range.start.line, 4);
    assert.equal(doc.getText(d.range), '09');
    assert.match(d.message, /^AppType '09' is not a valid appointment type.*01 Assessment, 02 Treatment/);
    const code = codeOf(d)!;
    assert.equal(code.target.fragment, 'ids20156');
    assert.ok(code.target.path.endsWith('/docs/validation-rules.md'));
  });

  it('"IAPT: Validate Workspace" runs in a worker and links an orphan row to the parent file (relatedInformation)', async () => {
    const doc = await openFixture('validation/IDS201.csv');
    const folder = path.dirname(fixturePath('validation/IDS201.csv'));
    const r = await vscode.commands.executeCommand<{ files: number; ranIn: string; counts: { error: number } }>('iapt.validateWorkspace', { folder, silent: true });
    assert.ok(r, 'the command returned nothing');
    assert.equal(r.ranIn, 'worker');
    assert.equal(r.files, 2);
    assert.equal(r.counts.error, 3);
    const orphan = (await waitFor(() => some(doc.uri, 'IDS20142'))) ?? [];
    assert.equal(orphan.length, 1);
    assert.equal(orphan[0].range.start.line, 3);
    assert.equal(doc.getText(orphan[0].range), 'SR0404');
    const related = orphan[0].relatedInformation?.[0];
    assert.ok(related, 'the orphan row points at the parent table');
    assert.equal(related.location.uri.fsPath, path.join(folder, 'IDS101.csv'));
    assert.equal(iapt(doc.uri, 'IDS20156').length, 1, 'an open document\'s own findings are not shown twice');
  });

  it('a quick fix puts back the leading zero a spreadsheet removed, and the finding goes', async () => {
    const doc = await openFixture('validation/IDS201.csv');
    const [d] = (await waitFor(() => some(doc.uri, 'IAPTX010'))) ?? [];
    assert.ok(d, 'AppType 2 is reported as spreadsheet damage');
    assert.equal(doc.getText(d.range), '2');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === "Replace '2' with '02'");
    assert.ok(fix?.edit, `quick fixes offered: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.lineAt(2).text, 'CC0002,SR0001,PW0001,P0001,2023-01-17,10:00:00,02,5,01,,50,');
    const gone = await waitFor(() => iapt(doc.uri, 'IAPTX010').length === 0);
    assert.ok(gone, 'the fixed cell is no longer reported');
    // put the damage back for the next test (the workspace is a scratch copy; the document is left as it was)
    const undo = new vscode.WorkspaceEdit();
    undo.replace(doc.uri, new vscode.Range(2, d.range.start.character, 2, d.range.start.character + 2), '2');
    assert.ok(await vscode.workspace.applyEdit(undo));
    assert.ok(await waitFor(() => iapt(doc.uri, 'IAPTX010').length === 1), 'the damage is reported again');
  });

  it('a rule group turned off in the settings disappears from the panel', async () => {
    const doc = await openFixture('validation/IDS201.csv');
    await waitFor(() => iapt(doc.uri, 'IDS20156').length > 0);
    await vscode.workspace.getConfiguration('iapt.validation').update('groupsOff', ['codes'], vscode.ConfigurationTarget.Global);
    const off = await waitFor(() => iapt(doc.uri, 'IDS20156').length === 0 && iapt(doc.uri, 'IAPTX010').length === 1);
    assert.ok(off, 'code-list findings are gone, spreadsheet damage stays');
  });
});
