// Issue 12 item 7: data in the outcome report (markdown, also printed by `iapt outcomes`) cannot become markup
// (checked by parsing it with markdown-it, configured like VS Code's preview) nor drive the terminal.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import { computeOutcomes, formatOutcomeReport, type OutcomeResult } from '../../../src/core/outcomes';
import { terminalSafe, visible } from '../../../src/core/text/visible';
import outcomes from '../../../src/cli/outcomes';
import { runCli } from '../cli/run';

const FIX = path.join(__dirname, '..', '..', 'fixtures', 'outcomes', 'nhs');
const md = new MarkdownIt({ html: true, linkify: true });
const HOSTILE = 'x|![i](https://e.example/i.png)|<img src=x onerror=alert(1)>`*e*`_u_ [l](command:workbench.action.terminal.new) \u001b]8;;https://e\u0007ESC\u001b[31m\u009b31m\u202eevil';

type Token = ReturnType<MarkdownIt['parse']>[number];
function tokenTypes(tokens: Token[]): string[] {
  return tokens.flatMap((t) => (t.children ? [t.type, ...tokenTypes(t.children)] : [t.type]));
}

async function result(): Promise<OutcomeResult> {
  const tables = ['IDS101', 'IDS201', 'IDS202', 'IDS603', 'IDS606', 'IDS607'].map((id) => ({ path: path.join(FIX, `${id}.csv`), name: `${id}.csv`, layout: 'nhs' as const, tableId: id }));
  return computeOutcomes(tables);
}

describe('outcome report: data escaped for markdown and the terminal', () => {
  it('keeps a hostile value inside its table cell and its code span: no image, link, HTML or extra cell', async () => {
    const base = await result();
    const clean = { ...base, disagreements: [{ pathwayId: 'PW1', field: 'Recovery_Flag', extract: 'True', computed: 'false', file: 'IDS101.csv', line: 2 }], disagreementCount: 1 };
    const hostile: OutcomeResult = {
      ...clean,
      disagreements: [{ pathwayId: HOSTILE, field: 'Recovery_Flag', extract: HOSTILE, computed: 'false', file: `${HOSTILE}.csv`, line: 2 }],
      tables: base.tables.map((t, k) => ({ ...t, name: k === 0 ? `${HOSTILE}.csv` : HOSTILE })),
      warnings: [`2 files are IDS101 (${HOSTILE}.csv, b.csv): combined`],
      issues: [{ kind: 'bad-date', message: 'date not read', count: 1, skipped: true, examples: [{ file: HOSTILE, line: 3, column: 5, value: HOSTILE }] }],
    };
    const report = formatOutcomeReport(hostile);
    const types = tokenTypes(md.parse(report, {}));
    for (const bad of ['image', 'link_open', 'html_inline', 'html_block', 'em_open', 'strong_open']) {
      assert.ok(!types.includes(bad), `${bad} from data in:\n${report}`);
    }
    // the disagreement table row has exactly its 5 cells, as for a clean value
    const cells = (r: string) => md.parse(r, {}).filter((t) => t.type === 'td_open').length;
    assert.equal(cells(report), cells(formatOutcomeReport(clean)));
    const html = md.render(report);
    assert.doesNotMatch(html, /<img|<a |\u001b|\u009b|\u202e/);
    assert.match(html, /<code>x\|!\[i\]/, 'the value is shown, pipe included');
    assert.doesNotMatch(report, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
  });

  it('terminalSafe / visible show control, C1, bidi and invalid-byte escapes and keep line feeds (terminalSafe only)', () => {
    assert.equal(visible('a\u001b[31mb\u0007\u009b\u202e\udcff\n'), 'a\\u001b[31mb\\u0007\\u009b\\u202e\\xff\\n');
    assert.equal(terminalSafe('l1\nl2\r\t\u001b'), 'l1\nl2\\r\\t\\u001b');
    assert.equal(visible('😀é'), '😀é'); // a surrogate pair is a real char
  });

  it('`iapt outcomes` prints no escape sequence from a date cell', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iapt-esc-'));
    try {
      for (const n of fs.readdirSync(FIX)) fs.copyFileSync(path.join(FIX, n), path.join(dir, n));
      const ids101 = path.join(dir, 'IDS101.csv');
      const lines = fs.readFileSync(ids101, 'utf8').split('\n');
      lines[1] = lines[1].replace('2024-04-30', '2024-04-30\u001b]0;pwned\u0007\u001b[2J');
      fs.writeFileSync(ids101, lines.join('\n'));
      const r = await runCli(outcomes, [dir]);
      assert.equal(r.code, 0, r.stderr);
      assert.doesNotMatch(r.stdout + r.stderr, /[\u001b\u0007\u009b]/);
      assert.match(r.stdout, /\\u001b\]0;pwned\\u0007/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
