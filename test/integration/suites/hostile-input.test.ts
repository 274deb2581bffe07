// Issue 12 in a real VS Code: a FIFO and a link to /dev/zero among the tables do not hang Compute Outcomes (its
// worker reads regular files only), an output over an input table is refused, and the report opens as a
// read-only document of the extension's own scheme (never an untitled one that hot exit would back up).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { extension } from '../util';

const fixtureFolder = path.join(extension().extensionPath, 'test', 'fixtures', 'outcomes', 'nhs');

describe('IAPT: hostile input (issue 12)', function () {
  this.timeout(120_000);
  let tmp: string;
  beforeEach(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'iapt-it-hostile-'));
    for (const n of readdirSync(fixtureFolder)) copyFileSync(path.join(fixtureFolder, n), path.join(tmp, n));
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('computes outcomes next to a FIFO and a link to /dev/zero without hanging, and refuses to overwrite an input', async function () {
    if (process.platform === 'win32') this.skip();
    execFileSync('mkfifo', [path.join(tmp, 'fifo.csv')]);
    symlinkSync('/dev/zero', path.join(tmp, 'zero.csv'));
    const before = readFileSync(path.join(tmp, 'IDS101.csv'));
    const r = await vscode.commands.executeCommand<{ pathways: number } | undefined>('iapt.computeOutcomes', { folder: tmp, silent: true });
    assert.ok(r, 'the command returned nothing');
    assert.ok(r.pathways > 0);
    const refused = await vscode.commands.executeCommand<unknown>('iapt.computeOutcomes', { folder: tmp, silent: true, outFile: path.join(tmp, 'IDS101.csv') });
    assert.equal(refused, undefined, 'an output over an input table is refused');
    assert.deepEqual(readFileSync(path.join(tmp, 'IDS101.csv')), before);
  });

  it('opens the report as a read-only document of its own scheme, not an untitled one', async () => {
    void vscode.commands.executeCommand('iapt.computeOutcomes', { folder: tmp });
    let doc: vscode.TextDocument | undefined;
    for (let i = 0; i < 600 && !doc; i++) {
      doc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'iapt-output');
      if (!doc) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(doc, 'no report document opened');
    assert.equal(doc.isUntitled, false);
    assert.equal(doc.languageId, 'markdown');
    assert.match(doc.getText(), /^# IAPT outcomes/);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.isUntitled && d.getText().startsWith('# IAPT outcomes')));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
