// IAPT: Compute Outcomes never merges separate extracts: given two (both layouts, or the same table in two
// folders) it stops, writes nothing and says which folders they are; one extract's folder is computed.
import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { extension } from '../util';

const fixtureFolder = (layout: string) => path.join(extension().extensionPath, 'test', 'fixtures', 'outcomes', layout);

describe('IAPT: Compute Outcomes and extract boundaries', () => {
  let tmp: string;
  beforeEach(() => { tmp = mkdtempSync(path.join(os.tmpdir(), 'iapt-it-extracts-')); });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  const filesOf = (dir: string) => readdirSync(dir).map((f) => path.join(dir, f));

  it('tables of both layouts: nothing is computed or written', async () => {
    const outFile = path.join(tmp, 'never.csv');
    const r = await vscode.commands.executeCommand('iapt.computeOutcomes', {
      files: [...filesOf(fixtureFolder('nhs')), ...filesOf(fixtureFolder('ukllc'))], outFile, silent: true,
    });
    assert.equal(r, undefined);
    assert.equal(existsSync(outFile), false);
  });

  it('the same table in two folders: nothing is computed; one of the folders alone is', async () => {
    const a = path.join(tmp, 'a'); const b = path.join(tmp, 'b');
    for (const dir of [a, b]) {
      mkdirSync(dir);
      for (const f of readdirSync(fixtureFolder('nhs'))) copyFileSync(path.join(fixtureFolder('nhs'), f), path.join(dir, f));
    }
    assert.equal(await vscode.commands.executeCommand('iapt.computeOutcomes', { files: [...filesOf(a), ...filesOf(b)], silent: true }), undefined);
    const one = await vscode.commands.executeCommand<{ pathways: number }>('iapt.computeOutcomes', { folder: a, silent: true });
    assert.equal(one?.pathways, 6);
  });
});
