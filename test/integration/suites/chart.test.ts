// "IAPT: Plot Scores" in a real VS Code: the webview opens for a pathway of a generated extract (indexed by the real
// LinkIndex), its DOM (asked of the webview itself) holds one element per score with the engine's first/last marks,
// a cell carrying HTML renders as text, exports are written as real PNG/SVG files with mode 0600.
import * as assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { parseCsvText } from '../../../src/core/csv';
import { LinkIndex } from '../../../src/core/linking';
import { listTableFiles } from '../../../src/core/files';
import { generateExtract, type PathwayTruth } from '../../../src/core/synth';
import type { IaptExplorerApi } from '../../../src/extension/extension';
import { lookupInIndex } from '../../../src/extension/chartSource';
import { extension, hoverText, waitFor } from '../util';

const PHQ = ['720433000', '506701000000100'];
const EVIL = '<img src=x onerror="document.title=\'pwned\'"><script>alert(1)</script>';

describe('IAPT: Plot Scores (score chart webview)', function () {
  this.timeout(180_000);
  let tmp = '';
  let api: IaptExplorerApi;
  let target: PathwayTruth;
  let phqRows = 0;

  before(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'iapt-it-chart-'));
    await generateExtract({ out: tmp, referrals: 60, seed: 'chart-it', layout: 'nhs' });
    const manifest = JSON.parse(readFileSync(path.join(tmp, 'manifest.json'), 'utf8')) as { pathways: PathwayTruth[] };
    // a finished pathway with paired PHQ-9 scores; count its PHQ-9 rows by an independent scan of the files
    const count = (id: string) => ['IDS606.csv', 'IDS607.csv'].reduce((n, f) => {
      const t = parseCsvText(readFileSync(path.join(tmp, f), 'utf8'));
      const pw = t.header.indexOf('PathwayID'); const tool = t.header.indexOf('CodedAssToolType');
      return n + t.records.filter((r) => r.fields[pw] === id && PHQ.includes(r.fields[tool])).length;
    }, 0);
    target = manifest.pathways.find((p) => p.finished_course && p.phq9_last !== null && p.phq9_first !== p.phq9_last && count(p.pathway_id) >= 3)!;
    assert.ok(target, 'the generated extract has a finished pathway with 3+ PHQ-9 scores');
    // the injection attempt: one more referral-level score row whose value is HTML
    const header = parseCsvText(readFileSync(path.join(tmp, 'IDS606.csv'), 'utf8')).header;
    const row = header.map((h) => ({ PathwayID: target.pathway_id, CodedAssToolType: PHQ[0], PersScore: `"${EVIL.replace(/"/g, '""')}"`, AssToolCompDate: target.referral_date }[h] ?? ''));
    appendFileSync(path.join(tmp, 'IDS606.csv'), `${row.join(',')}\n`);
    phqRows = count(target.pathway_id);
    const ix = await LinkIndex.build(listTableFiles([tmp]).files);
    api = (await extension().activate()) as IaptExplorerApi;
    // the index re-reads changed files before each lookup (as the workspace source does for files its watcher saw change)
    api.chart.setSource({ lookup: async (selection) => { await ix.update(listTableFiles([tmp]).files, []); return lookupInIndex(ix, selection); } });
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(tmp, { recursive: true, force: true });
  });

  it('is contributed to the command palette and restores through a webview serializer', () => {
    const pkg = extension().packageJSON as { contributes: { commands: { command: string; title: string }[] }; activationEvents: string[] };
    assert.ok(pkg.contributes.commands.some((c) => c.command === 'iapt.plotScores' && c.title === 'Plot Scores'));
    assert.ok(pkg.activationEvents.includes('onWebviewPanel:iapt.scoreChart'));
  });

  it('opens for a generated pathway; the webview DOM holds every PHQ-9 score with the engine\'s first and last', async () => {
    const data = await vscode.commands.executeCommand<{ pathways: unknown[] } | undefined>('iapt.plotScores', { kind: 'pathway', id: target.pathway_id });
    assert.ok(data && data.pathways.length === 1, 'the command returned the chart data');
    const dom = await waitFor(async () => {
      const d = await api.chart.describe(5000);
      return d && d.points.length > 0 ? d : undefined;
    }, 60_000, 500);
    assert.ok(dom, 'the webview rendered points');
    const phq = dom.points.filter((p) => p.measure === 'PHQ-9');
    assert.equal(phq.length, phqRows, 'one DOM element per PHQ-9 score row of the pathway (incl. the hostile one)');
    assert.deepEqual(phq.filter((p) => p.first).map((p) => Number(p.raw)), [target.phq9_first]);
    assert.deepEqual(phq.filter((p) => p.last).map((p) => Number(p.raw)), [target.phq9_last]);
    assert.ok(phq.every((p) => p.used === (p.reason === '')), 'every unused point says why');
    assert.match(dom.text, new RegExp(`Pathway ${target.pathway_id}`));
    assert.match(dom.text, /Finished course: yes/);
    assert.match(dom.text, new RegExp(`Recovery: ${target.recovery ? 'yes' : 'no'}`));
    assert.match(dom.text, new RegExp(`Reliable improvement: ${target.reliable_improvement ? 'yes' : 'no'}`));
  });

  it('takes a node of the linked-tables tree (inline action) as its argument', async () => {
    const data = await vscode.commands.executeCommand<{ selection: { kind: string; id: string } } | undefined>('iapt.plotScores', { kind: 'pathway', pathway: { pathwayId: target.pathway_id, label: 'x' } });
    assert.deepEqual(data?.selection, { kind: 'pathway', id: target.pathway_id });
    const menus = (extension().packageJSON as { contributes: { menus: Record<string, { command: string; when?: string; group?: string }[]> } }).contributes.menus;
    assert.ok(menus['view/item/context'].some((m) => m.command === 'iapt.plotScores' && m.group === 'inline'));
  });

  it('a score cell carrying HTML and script renders as text (no element created, not run)', async () => {
    const dom = (await api.chart.describe(5000))!;
    const evil = dom.points.find((p) => p.raw === EVIL);
    assert.ok(evil, 'the hostile score is listed');
    assert.equal(evil.reason, 'score not numeric');
    assert.ok(dom.text.includes(EVIL), 'the markup appears literally in the page text');
    assert.equal(dom.images, 0, 'no <img>/<iframe> was created from data');
    // the page runs under the strict policy: nothing by default, scripts only with this load's nonce, no inline/eval
    assert.match(dom.csp, /^default-src 'none'; script-src 'nonce-[A-Za-z0-9]{16,}'; style-src [^;]+ 'nonce-[A-Za-z0-9]{16,}'; img-src data:; font-src [^;]+$/);
    const tokens = dom.csp.split(/[\s;]+/);
    assert.ok(!tokens.some((t) => t === '*' || t.startsWith("'unsafe-") || t === 'blob:'), dom.csp);
    assert.ok(dom.scripts.some((src) => /\/chart\.js$/.test(src)), dom.scripts.join(', '));
    assert.ok(!dom.scripts.some((src) => src.includes('alert(1)')), 'no script element was created from data');
  });

  it('exports PNG and SVG files (atomic, mode 0600) from what the webview drew', async () => {
    const png = path.join(tmp, 'chart.png');
    const svg = path.join(tmp, 'chart.svg');
    await api.chart.exportTo('png', png);
    const bytes = readFileSync(png);
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
    assert.ok(bytes.readUInt32BE(16) > 300, 'PNG width');
    await api.chart.exportTo('svg', svg);
    const text = readFileSync(svg, 'utf8');
    assert.match(text, /^<\?xml[^>]*>\s*<svg /);
    assert.ok(text.includes(target.pathway_id));
    assert.ok(!text.includes('var(--'), 'theme variables are resolved into colours');
    assert.ok(!/<script|<img/i.test(text), 'no markup from data in the SVG');
    if (process.platform !== 'win32') {
      assert.equal(statSync(png).mode & 0o777, 0o600);
      assert.equal(statSync(svg).mode & 0o777, 0o600);
    }
  });

  it('refuses to export over one of the extract files the chart was built from', async () => {
    const input = path.join(tmp, 'IDS606.csv');
    const before = readFileSync(input, 'utf8');
    await assert.rejects(api.chart.exportTo('svg', input), /one of the input files/);
    assert.equal(readFileSync(input, 'utf8'), before);
  });

  it('plots the pathway of the ID cell under the cursor (editor context menu command)', async () => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(tmp, 'IDS101.csv')));
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    const line = [...Array(doc.lineCount).keys()].find((i) => doc.lineAt(i).text.includes(`,${target.pathway_id},`))!;
    const col = doc.lineAt(line).text.indexOf(target.pathway_id) + 2;
    editor.selection = new vscode.Selection(line, col, line, col);
    const data = await vscode.commands.executeCommand<{ selection: { kind: string; id: string }; pathways: { pathwayId: string }[] } | undefined>('iapt.plotScoresAtCursor');
    assert.deepEqual(data?.selection, { kind: 'pathway', id: target.pathway_id });
    assert.deepEqual(data?.pathways.map((p) => p.pathwayId), [target.pathway_id]);
    const pcol = doc.lineAt(line).text.indexOf(`,${target.participant_id},`) + 2;
    editor.selection = new vscode.Selection(line, pcol, line, pcol);
    const person = await vscode.commands.executeCommand<{ selection: { kind: string; id: string } } | undefined>('iapt.plotScoresAtCursor');
    assert.deepEqual(person?.selection, { kind: 'participant', id: target.participant_id });
  });

  it('redraws when a file the chart was built from changes', async () => {
    await vscode.commands.executeCommand('iapt.plotScores', { kind: 'pathway', id: target.pathway_id });
    const before = (await waitFor(async () => (await api.chart.describe(5000))?.points.filter((p) => p.measure === 'PHQ-9').length, 30_000, 300))!;
    const header = parseCsvText(readFileSync(path.join(tmp, 'IDS606.csv'), 'utf8')).header;
    const row = header.map((h) => ({ PathwayID: target.pathway_id, CodedAssToolType: PHQ[0], PersScore: '27', AssToolCompDate: target.referral_date }[h] ?? ''));
    appendFileSync(path.join(tmp, 'IDS606.csv'), `${row.join(',')}\n`);
    const after = await waitFor(async () => {
      const d = await api.chart.describe(5000);
      return d && d.points.filter((p) => p.measure === 'PHQ-9').length === before + 1 ? d : undefined;
    }, 30_000, 500);
    assert.ok(after, `the chart shows ${before + 1} PHQ-9 points after the file changed`);
    assert.ok(after.points.some((p) => p.measure === 'PHQ-9' && p.raw === '27'));
  });

  it('a hover on a PathwayID cell offers "Plot scores" for that pathway of that extract', async () => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(tmp, 'IDS101.csv')));
    await vscode.window.showTextDocument(doc, { preview: false });
    const line = [...Array(doc.lineCount).keys()].find((i) => doc.lineAt(i).text.includes(`,${target.pathway_id},`))!;
    const pos = new vscode.Position(line, doc.lineAt(line).text.indexOf(`,${target.pathway_id},`) + 2);
    const text = await waitFor(async () => { const t = await hoverText(doc.uri, pos); return /Plot scores/.test(t) ? t : undefined; }, 20_000, 300);
    const link = /\(command:iapt\.plotScores\?([^ )]+)/.exec(text ?? '');
    assert.ok(link, text);
    const [arg] = JSON.parse(decodeURIComponent(link[1])) as [{ kind: string; id: string; folder: string }];
    assert.deepEqual(arg, { kind: 'pathway', id: target.pathway_id, folder: tmp });
    const data = await vscode.commands.executeCommand<{ selection: { id: string } } | undefined>('iapt.plotScores', arg);
    assert.equal(data?.selection.id, target.pathway_id);
  });

  it('shows a clear empty state for an ID that links nothing', async () => {
    await vscode.commands.executeCommand('iapt.plotScores', { kind: 'participant', id: 'NO-SUCH-ID' });
    const dom = await waitFor(async () => {
      const d = await api.chart.describe(5000);
      return d && /No linked rows found for participant NO-SUCH-ID/.test(d.text) ? d : undefined;
    }, 30_000, 500);
    assert.ok(dom, 'the webview shows the empty state');
    assert.equal(dom.points.length, 0);
  });
});
