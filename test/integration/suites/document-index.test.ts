// Big documents (above the on-demand limit) are indexed in the background, in slices: hovers, the status bar
// and Describe Table then read the record under the cursor from the index, also for records spanning lines,
// and an edit (a newer version) is indexed again.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { parseCsvText } from '../../../src/core/csv';
import { EXTENSION_ID, hoverText, openScratchFile, waitFor } from '../util';

interface IaptExplorerApi {
  statusBar(): { visible: boolean; text: string; tooltip: string };
}

const scratch = mkdtempSync(path.join(os.tmpdir(), 'iapt-document-index-'));
const HEADER = 'LocalPatientId,ServiceRequestId,PathwayID,ReferralRequestReceivedDate,Note,ServDischDate,EndCode';
const ROWS = 45_000;

/** ~3 MB: every 100th note is quoted and spans two lines, row 777 is ragged; the last row ends "PW_LAST". */
function bigCsv(lastEndCode: string): string {
  const rows = Array.from({ length: ROWS }, (_, i) => {
    const note = i % 100 === 0 ? `"note ${i}, with ""quotes""\nand a second line"` : `n${i}`;
    const extra = i === 777 ? ',surplus' : '';
    return `LP${i},SR${i},PW${i},2024-04-02,${note},2024-09-30,${i % 2 ? 47 : 46}${extra}`;
  });
  rows.push(`LPX,SRX,PW_LAST,2024-04-02,"last\nnote",2024-09-30,${lastEndCode}`);
  return `${HEADER}\n${rows.join('\n')}\n`;
}

const openCsv = (name: string, content: string): Promise<vscode.TextDocument> => openScratchFile(scratch, name, content);

/** Position on the EndCode cell (the last cell) of the record whose second line is `line`. */
function lastCellOf(document: vscode.TextDocument, line: number): vscode.Position {
  return new vscode.Position(line, document.lineAt(line).text.length - 1);
}

describe('document index (big documents)', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('hovers a cell after a multi-line record of a big document once it is indexed, and shows it in the status bar', async () => {
    const document = await openCsv('big-index.csv', bigCsv('46'));
    assert.ok(document.getText().length > 2_000_000, 'the document must be above the on-demand limit');
    const last = document.lineCount - 2; // second line of the last record (the file ends with a line break)
    assert.match(document.lineAt(last).text, /^note",2024-09-30,46$/);
    const text = await waitFor(async () => {
      const t = await hoverText(document.uri, lastCellOf(document, last));
      return /Mutually agreed completion of treatment/.test(t) ? t : undefined;
    }, 60_000);
    assert.ok(text, 'no hover on the last record of the big document');

    // a quoted cell spanning two lines, in the middle of the file: hovered on its second line
    const line = document.getText().split('\n').findIndex((l, k) => k > 1000 && l.startsWith('and a second line') && l.endsWith(',46'));
    assert.ok(line > 1000, `found the second line of a multi-line note at ${line}`);
    assert.match(await hoverText(document.uri, lastCellOf(document, line)), /Mutually agreed completion of treatment/);

    const api = vscode.extensions.getExtension<IaptExplorerApi>(EXTENSION_ID)!.exports;
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document, document);
    editor.selection = new vscode.Selection(lastCellOf(document, last), lastCellOf(document, last));
    const shown = await waitFor(() => (api.statusBar().text.endsWith('EndCode') ? api.statusBar() : undefined));
    assert.ok(shown, `status bar shows ${JSON.stringify(api.statusBar())}`);
    assert.match(shown.text, /^IDS101 · EndCode$/);
  });

  it('Describe Table on a big document counts the records and problems as the CSV reader does', async () => {
    const content = bigCsv('46');
    await openCsv('big-describe.csv', content);
    const expected = parseCsvText(content);
    assert.equal(expected.records.length, ROWS + 1);
    assert.equal(expected.problemCount, 1);
    const text = await vscode.commands.executeCommand<string>('iapt.describeTable');
    assert.match(text, /IAPT table: IDS101/);
    assert.ok(text.includes(`${ROWS + 1} data row(s), 7 column(s), comma-delimited · 1 CSV problem(s)`), text);
  });

  it('indexes a big document again after an edit and hovers the new value', async () => {
    const document = await openCsv('big-edit.csv', bigCsv('46'));
    const last = document.lineCount - 2;
    const ready = await waitFor(async () => /Mutually agreed/.test(await hoverText(document.uri, lastCellOf(document, last))), 60_000);
    assert.ok(ready, 'the first version was not indexed');
    const edit = new vscode.WorkspaceEdit();
    const end = document.lineAt(last).range.end;
    edit.replace(document.uri, new vscode.Range(end.translate(0, -2), end), '47');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.match(document.lineAt(last).text, /,47$/);
    const text = await waitFor(async () => {
      const t = await hoverText(document.uri, lastCellOf(document, last));
      return /Termination of treatment earlier/.test(t) ? t : undefined;
    }, 60_000);
    assert.ok(text, 'the edited big document was not indexed again');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
