import { strict as assert } from 'node:assert';
import { describeCell, escapeMarkdown, renderHoverMarkdown, type HoverDictionary } from '../../../src/core/hover';
import { dict, NEVER_RAW, nhsTable } from './fixtures';

const ATTACKS = [
  '[x](command:workbench.action.terminal.new)',
  '[x](command:workbench.action.terminal.new "t")',
  '![img](https://evil.example/x.png)',
  '<img src=x onerror=alert(1)>',
  '<a href="command:workbench.action.terminal.new">click</a>',
  '`code` and ```fence```',
  '**bold** __bold__ *em* _em_ ~~strike~~',
  'line one\n# heading\n- list\n> quote\n---',
  'https://evil.example/path and www.evil.example and a@b.example',
  '&lt;img src=x onerror=alert(1)&gt; &#91;x&#93;',
  '$(terminal) \\[x\\](command:x)',
  '[x]: command:workbench.action.terminal.new',
  '| a | b |\n|---|---|',
];

/** Undo escapeMarkdown's backslashes (for checking that the escaped text still says exactly the input). */
function unescape(md: string): string {
  return md.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

function cellsFor(value: string) {
  const header = ['ServiceRequestId', 'EndCode', value, 'PHQ9_FirstScore'];
  const table = nhsTable('IDS101', header);
  const row = ['SR1', value, value, value];
  return [0, 1, 2, 3].flatMap((column) => [
    describeCell(dict, { table, header, row: null, column })!,
    describeCell(dict, { table, header, row, column })!,
  ]);
}

describe('hover: markdown rendering escapes all file and dictionary content', () => {
  it('escapes every ASCII punctuation char and keeps the text itself', () => {
    const s = 'a[b](c)<d>`e`*f*_g_#h!i|j~k&l:m/n';
    const out = escapeMarkdown(s);
    assert.equal(unescape(out), s);
    assert.doesNotMatch(out, /(?<!\\)[[\]()<>`*_#!|~&:/]/);
  });

  it('turns line breaks into visible marks so no heading, list or quote can start', () => {
    const out = escapeMarkdown('a\n# b\r\n- c\rd');
    assert.ok(!/[\r\n]/.test(out));
    assert.equal(out, 'a ↵ \\# b ↵ \\- c ↵ d');
  });

  for (const attack of ATTACKS) {
    it(`neutralises ${JSON.stringify(attack).slice(0, 50)} in headers and values`, () => {
      for (const cell of cellsFor(attack)) {
        const md = renderHoverMarkdown(cell);
        assert.doesNotMatch(md, NEVER_RAW, md);
        assert.ok(!md.includes('](command:'), md);
        assert.ok(!/(?<!\\)https?:/.test(md) && !/(?<!\\)www\./.test(md), md);
        // no line of the hover starts a markdown block from data
        for (const line of md.split('\n')) assert.doesNotMatch(line, /^\s*(#|>|-|\d+\.|\||```)/, line);
        assert.ok(!/(?<!\\)&#?\w+;/.test(md), md);
      }
    });
  }

  it('shows the attack text literally (after unescaping) rather than dropping it', () => {
    const attack = '[x](command:workbench.action.terminal.new)';
    const md = renderHoverMarkdown(cellsFor(attack)[5]); // header cell of the unknown column, data row
    assert.ok(unescape(md).includes(attack), md);
  });

  it('escapes dictionary text too (user dictionaries are untrusted)', () => {
    const evil = '[run](command:workbench.action.terminal.new) <b>x</b>';
    const poisoned: HoverDictionary = {
      table: (id) => dict.table(id),
      assessment: (c) => dict.assessment(c),
      assessments: () => dict.assessments(),
      codelist: (id) => ({ ...dict.codelist(id)!, label: evil }),
      decode: (column, value, table) => ({ ...dict.decode(column, value, table), meaning: evil, codelist: evil, note: evil }),
    };
    const header = ['ServiceRequestId', 'EndCode'];
    const table = nhsTable('IDS101', header);
    for (const row of [null, ['SR1', '46'], ['SR1', '999']]) {
      const md = renderHoverMarkdown(describeCell(poisoned, { table, header, row, column: 1 })!);
      assert.doesNotMatch(md, NEVER_RAW, md);
      assert.ok(!md.includes('](command:'), md);
    }
  });

  it('clips a huge cell so the hover stays small', () => {
    const header = ['ServiceRequestId', 'Notes'];
    const md = renderHoverMarkdown(describeCell(dict, { table: nhsTable('IDS101', header), header, row: ['SR1', 'x'.repeat(100_000)], column: 1 })!);
    assert.ok(md.length < 1000, String(md.length));
  });
});
