// Deeper hover checks (helper "extension"): score bands from the row's tool, header hovers, escaping of
// hostile file content in the returned MarkdownString, malformed rows, the status bar and Describe Table.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, openFixture, positionOfCell, waitFor } from '../util';

interface IaptExplorerApi {
  statusBar(): { visible: boolean; text: string; tooltip: string };
}

const SCORES = [
  'ServiceRequestId,CodedAssToolType,PersScore,AssToolCompDate,PathwayID',
  'SR1,720433000,16,2024-01-01,PW1',
  'SR2,445455005,16,2024-01-02,PW2',
  'SR3,720433000,9,2024-01-03,PW3',
  'SR4,445455005,30,2024-01-04,PW4',
].join('\n');

// Real files in a scratch folder (untitled documents can reuse a closed one's URI, which muddles tests).
const scratch = mkdtempSync(path.join(os.tmpdir(), 'iapt-hover-details-'));
let fileCount = 0;

async function openCsv(content: string): Promise<vscode.TextDocument> {
  const file = path.join(scratch, `table-${++fileCount}.csv`);
  writeFileSync(file, content);
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

/** Position inside the cell at (0-based) line and column of a simple (unquoted) CSV line. */
function cell(document: vscode.TextDocument, line: number, column: number): vscode.Position {
  const fields = document.lineAt(line).text.split(',');
  const start = fields.slice(0, column).reduce((n, f) => n + f.length + 1, 0);
  return new vscode.Position(line, start + Math.min(1, fields[column].length));
}

async function hovers(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.MarkdownString[]> {
  const found = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
  return (found ?? []).flatMap((h) => h.contents).filter((c): c is vscode.MarkdownString => typeof c !== 'string' && 'value' in c);
}

async function hoverText(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  return (await hovers(document, position)).map((m) => m.value).join('\n');
}

describe('hover details', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('gives a PHQ-9 score its band and caseness from the row\'s CodedAssToolType', async () => {
    const document = await openCsv(SCORES);
    const phq = await hoverText(document, cell(document, 1, 2));
    assert.match(phq, /PHQ\\-9 score — \*\*moderately severe\*\* \(15–19\)/);
    assert.match(phq, /At caseness \(PHQ\\-9 ≥ 10\)/);
    const gad = await hoverText(document, cell(document, 2, 2));
    assert.match(gad, /GAD\\-7 score — \*\*severe\*\* \(15–21\)/);
    assert.match(await hoverText(document, cell(document, 3, 2)), /Below caseness/);
    assert.match(await hoverText(document, cell(document, 4, 2)), /\*\*out of range\*\* for GAD\\-7: valid scores are 0–21/);
  });

  it('decodes a cell of a tab-separated file', async () => {
    const document = await openFixture('IDS201_care_contact.tsv');
    const text = await hoverText(document, positionOfCell(document, 'CC0001', '5'));
    assert.match(text, /\*\*5\*\* — Attended on time or, if late, before the relevant professional was ready/);
    assert.match(text, /Table IDS201/);
  });

  it('describes the field on a header cell', async () => {
    const document = await openCsv(SCORES);
    const text = await hoverText(document, cell(document, 0, 1));
    assert.match(text, /Column \*\*CodedAssToolType\*\* — CODED ASSESSMENT TOOL TYPE/);
    assert.match(text, /Table IDS60[67]/);
  });

  it('escapes hostile cell text and enables nothing in the MarkdownString', async () => {
    const attack = '[x](command:workbench.action.terminal.new)';
    const document = await openCsv(`ServiceRequestId,EndCode,Note\nSR1,46,${attack}\nSR2,"<img src=x onerror=alert(1)>",**b**\n`);
    const found = [...await hovers(document, cell(document, 1, 2)), ...await hovers(document, new vscode.Position(2, 6))];
    assert.ok(found.length >= 2, 'expected hovers on both hostile cells');
    for (const md of found) {
      assert.ok(!md.isTrusted, 'hover must not be trusted');
      assert.ok(!md.supportHtml, 'hover must not render HTML');
      assert.ok(!md.value.includes('](command:'), md.value);
      assert.doesNotMatch(md.value, /(?<!\\)[[\]<>`]/, md.value);
    }
    assert.ok(found[0].value.includes('\\[x\\]\\(command\\:workbench\\.action\\.terminal\\.new\\)'), found[0].value);
    assert.match(found[1].value, /\\<img src\\=x onerror\\=alert\\\(1\\\)\\>/);
    assert.match(found[1].value, /not in code list end\\_code/);
  });

  it('still hovers the rows that parse in a malformed file', async () => {
    const document = await openCsv('ServiceRequestId,EndCode\nSR1,46\nSR2,47,extra,cells\nSR3,"unclosed\n');
    assert.match(await hoverText(document, cell(document, 1, 1)), /Mutually agreed completion of treatment/);
    assert.match(await hoverText(document, cell(document, 2, 1)), /Termination of treatment earlier/);
  });

  it('shows table and column under the cursor in the status bar, hidden for other files', async () => {
    const api = vscode.extensions.getExtension<IaptExplorerApi>(EXTENSION_ID)!.exports;
    const document = await openCsv(SCORES);
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document, document);
    editor.selection = new vscode.Selection(cell(document, 1, 2), cell(document, 1, 2));
    const shown = await waitFor(() => (api.statusBar().text.endsWith('PersScore') ? api.statusBar() : undefined));
    assert.ok(shown, `status bar shows ${JSON.stringify(api.statusBar())}`);
    assert.match(shown.text, /^IDS60[67] · PersScore$/);

    await openCsv('name,colour\napple,red\n');
    const hidden = await waitFor(() => !api.statusBar().visible);
    assert.ok(hidden, `status bar should be hidden for a non-IAPT CSV, shows ${JSON.stringify(api.statusBar())}`);
  });

  it('Describe Table returns and shows the recognised and unrecognised columns', async () => {
    await openCsv('ServiceRequestId,EndCode,MyLocalFlag\nSR1,46,x\n');
    const text = await vscode.commands.executeCommand<string>('iapt.describeTable');
    assert.match(text, /IAPT table: IDS101/);
    assert.match(text, /Recognised columns \(2 of 3\)/);
    assert.match(text, /Unrecognised columns \(1\):\n +3  MyLocalFlag/);
  });

  it('Describe Table also takes a file from the Explorer context menu (a URI argument)', async () => {
    const document = await openCsv('cohortkey_e,pathwayid,codedasstooltype,persscore\nC1,P1,720433000,12\n');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const text = await vscode.commands.executeCommand<string>('iapt.describeTable', document.uri);
    assert.match(text, /IAPT table: IAPT_coded_scored_assessments/);
    assert.match(text, /UK LLC themed table/);
  });
});
