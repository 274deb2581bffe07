import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { extension } from '../util';

interface Returned {
  summary: Record<string, number | null>;
  pathways: number;
  exclusions: Record<string, number>;
  warnings: string[];
  basis: string;
  report: string;
  ranIn: string;
}

/** The outcome fixtures of the unit tests (read-only here; outputs go to a temporary folder). */
const fixtureFolder = (layout: string) => path.join(extension().extensionPath, 'test', 'fixtures', 'outcomes', layout);

describe('IAPT: Compute Outcomes', () => {
  let tmp: string;
  beforeEach(() => { tmp = mkdtempSync(path.join(os.tmpdir(), 'iapt-it-outcomes-')); });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('is contributed to the command palette', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('iapt.computeOutcomes'));
    assert.ok(existsSync(path.join(extension().extensionPath, 'dist', 'outcomesWorker.js')), 'the worker bundle is built');
  });

  it('computes NHS outcomes off the host thread and writes the CSV and summary', async () => {
    const outFile = path.join(tmp, 'outcomes.csv');
    const summaryFile = path.join(tmp, 'summary.json');
    const r = await vscode.commands.executeCommand<Returned>('iapt.computeOutcomes', { folder: fixtureFolder('nhs'), outFile, summaryFile, silent: true });
    assert.ok(r, 'the command returned nothing');
    assert.equal(r.ranIn, 'worker', 'the computation should run in a worker thread, off the extension host');
    assert.equal(r.pathways, 6, 'PW6 (unreadable discharge date) is kept as not discharged');
    assert.equal(r.summary.finished, 3);
    assert.equal(r.summary.recovered, 2);
    assert.equal(r.summary.reliable_deterioration, 1);
    assert.equal(r.summary.derived_flag_disagreements, 1);
    assert.equal(r.summary.recovery_rate, (2 / 3) * 100);
    assert.deepEqual(r.exclusions, { 'one attended treatment appointment': 1, 'no discharge date': 2 });
    assert.match(r.report, /Recovery_Flag: 1/);
    const bad = /## Bad input: (\d+) rows read = (\d+) used \+ (\d+) ignored/.exec(r.report);
    assert.ok(bad, 'the report has the Bad input section');
    assert.equal(Number(bad[1]), Number(bad[2]) + Number(bad[3]));
    assert.match(r.report, /- unknown measure \(1\).*IDS607\.csv:25:2`/);
    const lines = readFileSync(outFile, 'utf8').trimEnd().split('\n');
    assert.equal(lines[1], 'PW1,P1,2024-01-02,2024-04-30,2,true,F329,GAD-7,18,7,12,6,true,true,true,false,false,true');
    assert.equal(JSON.parse(readFileSync(summaryFile, 'utf8')).reliable_recovery, 2);
  });

  it('de-duplicates UK LLC extract periods and filters on discharge date', async () => {
    const r = await vscode.commands.executeCommand<Returned>('iapt.computeOutcomes', { folder: fixtureFolder('ukllc'), silent: true, from: '2024-01-01' });
    assert.ok(r);
    assert.equal(r.pathways, 1);
    assert.equal(r.summary.finished, 1);
    assert.equal(r.summary.recovered, 1);
  });

  it('says what is missing and writes nothing when the folder has no outcome tables', async () => {
    const empty = path.join(tmp, 'empty');
    const outFile = path.join(tmp, 'never.csv');
    mkdirSync(empty);
    writeFileSync(path.join(empty, 'notes.csv'), 'a,b\n1,2\n');
    const r = await vscode.commands.executeCommand<Returned | undefined>('iapt.computeOutcomes', { folder: empty, outFile, silent: true });
    assert.equal(r, undefined);
    assert.equal(existsSync(outFile), false);
  });
});
