// User dictionaries (iapt.dictionary.paths): a good file adds codes to the hover, edits are picked up, a bad
// file is reported and skipped while the built-in dictionary and the good files keep working.
// Also: a big document is parsed in the background and then hovers.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, hoverText as hoverAt, openScratchFile, waitFor } from '../util';

interface IaptExplorerApi {
  reloadDictionaries(): Promise<number>;
}

const scratch = mkdtempSync(path.join(os.tmpdir(), 'iapt-user-dictionary-'));
const overlay = (meaning: string) => JSON.stringify({
  schema_version: 1,
  codelists: { end_code: { source: ['integration test'], codes: [{ code: '77', meaning, versions: ['2.0', '2.1'] }] } },
});

const openCsv = (name: string, content: string): Promise<vscode.TextDocument> => openScratchFile(scratch, name, content);

const hoverText = (document: vscode.TextDocument, position: vscode.Position) => hoverAt(document.uri, position);

describe('user dictionaries', () => {
  const api = () => vscode.extensions.getExtension<IaptExplorerApi>(EXTENSION_ID)!.exports;
  const setPaths = (paths: string[] | undefined) =>
    vscode.workspace.getConfiguration('iapt').update('dictionary.paths', paths, vscode.ConfigurationTarget.Global);

  after(async () => {
    await setPaths(undefined);
    await api().reloadDictionaries();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(scratch, { recursive: true, force: true });
  });

  it('adds a local code from a user dictionary, reloads it on change, and keeps the built-in codes', async () => {
    const good = path.join(scratch, 'mine.json');
    writeFileSync(good, overlay('Local pilot discharge'));
    const document = await openCsv('ids101.csv', 'ServiceRequestId,EndCode,ReferralRequestReceivedDate\nSR1,77,2024-01-01\nSR2,46,2024-01-02\n');
    const local = new vscode.Position(1, 5);
    assert.match(await hoverText(document, local), /not in code list end\\_code/);

    await setPaths([good]);
    assert.ok(await waitFor(async () => /Local pilot discharge/.test(await hoverText(document, local))), 'the user code never showed');
    assert.match(await hoverText(document, new vscode.Position(2, 5)), /Mutually agreed completion of treatment/);

    writeFileSync(good, overlay('Renamed local discharge'));
    assert.ok(await waitFor(async () => /Renamed local discharge/.test(await hoverText(document, local))), 'the edited file was not reloaded');
  });

  it('skips a bad file with an error and keeps the good file and the built-in dictionary', async () => {
    const good = path.join(scratch, 'mine.json');
    const bad = path.join(scratch, 'bad.json');
    writeFileSync(good, overlay('Local pilot discharge'));
    writeFileSync(bad, '{\n  "schema_version": 1,\n  "codelists": {,}\n}');
    await setPaths([bad, good]);
    assert.equal(await api().reloadDictionaries(), 1);
    const document = await openCsv('ids101-b.csv', 'ServiceRequestId,EndCode,ReferralRequestReceivedDate\nSR1,77,2024-01-01\nSR2,46,2024-01-02\n');
    assert.match(await hoverText(document, new vscode.Position(1, 5)), /Local pilot discharge/);
    assert.match(await hoverText(document, new vscode.Position(2, 5)), /Mutually agreed completion of treatment/);
  });

  it('hovers a big document once its background parse is ready', async () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => `LP${i},SR${i},PW${i},2024-04-02,B1,2024-09-30,${i % 2 ? 47 : 46}`);
    const document = await openCsv('big.csv', `LocalPatientId,ServiceRequestId,PathwayID,ReferralRequestReceivedDate,SourceOfReferralIAPT,ServDischDate,EndCode\n${rows.join('\n')}\n`);
    assert.ok(document.getText().length > 2_000_000, 'the document must be above the on-demand parse limit');
    const last = document.lineCount - 2; // the last data row (the file ends with a line break)
    const position = new vscode.Position(last, document.lineAt(last).text.length - 1);
    const text = await waitFor(async () => {
      const t = await hoverText(document, position);
      return /Termination of treatment earlier/.test(t) ? t : undefined;
    }, 60_000);
    assert.ok(text, 'no hover on the last row of the big document');
  });
});
