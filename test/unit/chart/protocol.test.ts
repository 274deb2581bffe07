// Messages between the extension and the chart webview are validated on both sides; which cells name an ID to plot;
// exports written through writeFileAtomic keep binary bytes exact, mode 0600, and never leave a partial file.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chartDataSchema, fromWebviewSchema, prepareChart, selectionForCell, toWebviewSchema, viewStateSchema } from '../../../src/core/chart';
import { writeFileAtomic } from '../../../src/core/files';

describe('chart protocol (zod on both sides)', () => {
  it('accepts the messages each side sends and rejects unknown or malformed ones', () => {
    assert.ok(fromWebviewSchema.safeParse({ type: 'ready' }).success);
    assert.ok(fromWebviewSchema.safeParse({ type: 'export', format: 'svg', content: '<svg/>' }).success);
    assert.ok(!fromWebviewSchema.safeParse({ type: 'export', format: 'pdf', content: 'x' }).success, 'unknown format');
    assert.ok(!fromWebviewSchema.safeParse({ type: 'reveal', file: '/a.csv', line: 0 }).success, 'line is 1-based');
    assert.ok(!fromWebviewSchema.safeParse({ type: 'runCommand', command: 'workbench.action.terminal.new' }).success, 'no other verbs');
    assert.ok(!toWebviewSchema.safeParse({ type: 'data', data: { title: 'x' } }).success, 'incomplete chart data');
    assert.ok(!toWebviewSchema.safeParse({ type: 'html', html: '<b>x</b>' }).success);
  });

  it('chart data prepared from rows passes its own schema (what the webview checks on arrival)', () => {
    const data = prepareChart({ kind: 'participant', id: 'nobody' }, []);
    assert.ok(chartDataSchema.safeParse(data).success);
    assert.ok(toWebviewSchema.safeParse({ type: 'data', data }).success);
  });

  it('view state restores with defaults and keeps a valid selection only', () => {
    assert.deepEqual(viewStateSchema.parse({}), { x: 'date', view: 'chart' });
    assert.deepEqual(viewStateSchema.parse({ selection: { kind: 'pathway', id: 'PW1' }, x: 'session' }), { selection: { kind: 'pathway', id: 'PW1' }, x: 'session', view: 'chart' });
    assert.ok(!viewStateSchema.safeParse({ selection: { kind: 'pathway', id: '' } }).success);
  });
});

describe('chart: the ID under the cursor', () => {
  it('pathway keys (NHS and UK LLC names) give a pathway, participant keys a participant, other columns nothing', () => {
    assert.deepEqual(selectionForCell('PathwayID', ' PW1 '), { kind: 'pathway', id: 'PW1' });
    assert.deepEqual(selectionForCell('pathwayid', 'PW1'), { kind: 'pathway', id: 'PW1' });
    assert.deepEqual(selectionForCell('ServiceRequestId', 'SR1'), { kind: 'pathway', id: 'SR1' });
    assert.deepEqual(selectionForCell('Person_ID', 'P1'), { kind: 'participant', id: 'P1' });
    assert.deepEqual(selectionForCell('LocalPatientId', 'LP1'), { kind: 'participant', id: 'LP1' });
    assert.deepEqual(selectionForCell('cohortkey_e', 'CK1'), { kind: 'participant', id: 'CK1' });
    assert.equal(selectionForCell('PersScore', '12'), undefined);
    assert.equal(selectionForCell('CareContactId', 'C1'), undefined);
    assert.equal(selectionForCell('PathwayID', '  '), undefined);
  });
});

describe('chart export files (writeFileAtomic)', () => {
  let dir = '';
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'iapt-chart-out-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes binary bytes exactly (every byte value, as in a PNG) with mode 0600', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, ...Array.from({ length: 256 }, (_, i) => i)]);
    const file = join(dir, 'chart.png');
    await writeFileAtomic(file, [bytes]);
    assert.deepEqual(readFileSync(file), bytes);
    if (process.platform !== 'win32') assert.equal(statSync(file).mode & 0o777, 0o600);
  });

  it('text then bytes then text keeps their order', async () => {
    const file = join(dir, 'mixed.bin');
    await writeFileAtomic(file, ['ab', Buffer.from([0xff, 0x00]), 'é']);
    assert.deepEqual(readFileSync(file), Buffer.concat([Buffer.from('ab'), Buffer.from([0xff, 0x00]), Buffer.from('é')]));
  });

  it('an aborted write leaves the previous file and no temporary file', async () => {
    const file = join(dir, 'chart.svg');
    writeFileSync(file, 'old');
    const ac = new AbortController();
    function* chunks() { yield '<svg>'; ac.abort(); yield '</svg>'; }
    await assert.rejects(writeFileAtomic(file, chunks(), ac.signal));
    assert.equal(readFileSync(file, 'utf8'), 'old');
    assert.deepEqual(readdirSync(dir), ['chart.svg']);
  });
});
