import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hoverText, openFixture, positionOfCell, waitFor } from '../util';

describe('commands', () => {
  afterEach(async () => {
    await vscode.workspace.getConfiguration('iapt').update('hover.enabled', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('IAPT: Describe Table opens a description naming the table and its columns', async () => {
    const document = await openFixture('IDS101_referral.csv');
    await vscode.commands.executeCommand('iapt.describeTable');
    const described = await waitFor(() =>
      vscode.window.visibleTextEditors.map((e) => e.document).find((d) => d.uri.scheme === 'iapt-describe'),
    );
    assert.ok(described, 'no description editor was opened');
    const text = described.getText();
    assert.match(text, /IDS101/);
    assert.match(text, /EndCode/);
    assert.ok(text.includes('IDS101_referral.csv'), `the description does not name the file:\n${text}`);
    assert.notEqual(described.uri.toString(), document.uri.toString());
  });

  it('IAPT: Toggle Hover turns the decoded hover off and on again', async () => {
    const document = await openFixture('IDS101_referral.csv');
    const position = positionOfCell(document, 'LP0001', '46');
    const meaning = /Mutually agreed completion of treatment/;
    assert.match(await hoverText(document.uri, position), meaning, 'hover should be on at first');

    await vscode.commands.executeCommand('iapt.toggleHover');
    assert.equal(vscode.workspace.getConfiguration('iapt').get('hover.enabled'), false);
    assert.doesNotMatch(await hoverText(document.uri, position), meaning);

    await vscode.commands.executeCommand('iapt.toggleHover');
    assert.equal(vscode.workspace.getConfiguration('iapt').get('hover.enabled'), true);
    assert.match(await hoverText(document.uri, position), meaning);
  });
});
