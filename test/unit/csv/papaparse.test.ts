// Issue 12 items 1 and 10: papaparse as a differential oracle. On generated CSVs (quotes, embedded delimiters
// and line breaks, CRLF/LF/CR, BOM, empty fields, ragged rows) the scanner's fields equal papaparse's, and each
// record's line equals the line computed from papaparse's record boundaries by counting line breaks (LF, CRLF
// and lone CR each end a line, as editors count them). Hand-written pins follow.
import { strict as assert } from 'node:assert';
import Papa from 'papaparse';
import { buildCsvIndex, parseCsvText } from '../../../src/core/csv';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const NEWLINES = ['\n', '\r\n', '\r'] as const;
const DELIMITERS = [',', '\t', ';', '|'] as const;

interface Generated { text: string; delimiter: string; newline: string }

function generate(r: () => number): Generated {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const newline = pick(NEWLINES);
  const delimiter = pick(DELIMITERS);
  const plainChars = ['a', 'b', 'Z', '1', '0', ' ', '.', '-', 'é', '😀', "'", ...DELIMITERS.filter((d) => d !== delimiter)];
  const quotedChars = [...plainChars, delimiter, '""', '\n', '\r\n', '\r', ' '];
  const field = (): string => {
    const kind = r();
    if (kind < 0.2) return '';
    const n = 1 + Math.floor(r() * 5);
    if (kind < 0.6) {
      let s = '';
      for (let k = 0; k < n; k++) s += pick(plainChars);
      return s;
    }
    let s = '"';
    for (let k = 0; k < n; k++) s += pick(quotedChars);
    return `${s}"`;
  };
  const rows: string[] = [];
  const nRows = 1 + Math.floor(r() * 7);
  const width = 1 + Math.floor(r() * 5);
  for (let i = 0; i < nRows; i++) {
    const n = r() < 0.75 ? width : 1 + Math.floor(r() * 6); // ragged rows now and then
    const fields = Array.from({ length: n }, field);
    if (n === 1 && (fields[0] === '' || fields[0] === '""')) fields[0] = 'x'; // a lone empty field is a blank line
    rows.push(fields.join(delimiter));
    if (r() < 0.1) rows.push(''); // blank line
  }
  let text = rows.join(newline);
  if (r() < 0.7) text += newline;
  if (r() < 0.2) text = `\uFEFF${text}`;
  return { text, delimiter, newline };
}

/** Fields and start lines of every record, from papaparse's rows and row boundaries (its step cursor). */
function oracle(g: Generated): { fields: string[][]; lines: number[] } {
  const body = g.text.startsWith('\uFEFF') ? g.text.slice(1) : g.text;
  const fields: string[][] = [];
  const lines: number[] = [];
  let cursor = 0;
  Papa.parse<string[]>(g.text, {
    delimiter: g.delimiter, newline: g.newline as Papa.ParseConfig['newline'], skipEmptyLines: true,
    step: (row) => {
      let start = cursor;
      while (body[start] === '\r' || body[start] === '\n') start++; // blank lines before the row
      lines.push(1 + (body.slice(0, start).match(/\r\n|\r|\n/g)?.length ?? 0));
      fields.push(row.data);
      cursor = row.meta.cursor;
    },
  });
  return { fields, lines };
}

describe('csv: papaparse as a differential oracle', () => {
  it('gives papaparse\'s fields and the line-break-counted start lines on 3,000 generated CSVs', () => {
    const r = rng(20261204);
    for (let t = 0; t < 3000; t++) {
      const g = generate(r);
      const expected = oracle(g);
      const label = `case ${t}: ${JSON.stringify(g.text)}`;
      const p = parseCsvText(g.text, { delimiter: g.delimiter });
      const head = p.headerRow ? [p.header] : [];
      assert.deepEqual([...head, ...p.records.map((x) => x.fields)], expected.fields, label);
      assert.deepEqual([...(p.headerRow ? [p.headerRow.line] : []), ...p.records.map((x) => x.line)], expected.lines, label);
      const index = buildCsvIndex(g.text, { delimiter: g.delimiter });
      assert.deepEqual(Array.from({ length: index.recordCount }, (_, i) => index.recordLine(i)), expected.lines.slice(1), label);
      // well-formed input: no quote problems (ragged rows are expected)
      assert.deepEqual(p.problems.filter((x) => x.kind !== 'ragged-row' && x.kind !== 'duplicate-column' && x.kind !== 'empty-column-name' && x.kind !== 'missing-header'), [], label);
    }
  });
});

describe('csv: line numbers pinned by hand for CR, LF and CRLF inside and outside quotes', () => {
  const cases: [string, string, number[]][] = [
    ['LF outside', 'h\na\nb\n', [2, 3]],
    ['CRLF outside', 'h\r\na\r\nb\r\n', [2, 3]],
    ['CR outside', 'h\ra\rb\r', [2, 3]],
    ['LF inside quotes', 'h\n"a\nx"\nb\n', [2, 4]],
    ['CRLF inside quotes (one line break)', 'h\r\n"a\r\nx"\r\nb\r\n', [2, 4]],
    ['CR inside quotes, LF file', 'h\n"a\rx"\nb\n', [2, 4]],
    ['two CRs inside quotes, CR file', 'h\r"a\r\rx"\rb\r', [2, 5]],
    ['CR just before the closing quote, then LF', 'h\n"a\r"\nb\n', [2, 4]],
    ['blank lines of each kind between records', 'h\n\na\r\n\r\nb\r\rc\n', [3, 5, 7]],
    ['BOM does not shift lines', '\uFEFFh\n"a\r\nb"\nc', [2, 4]],
  ];
  for (const [name, text, lines] of cases) {
    it(name, () => {
      const p = parseCsvText(text);
      assert.deepEqual(p.records.map((x) => x.line), lines);
      const index = buildCsvIndex(text);
      assert.deepEqual(Array.from({ length: index.recordCount }, (_, i) => index.recordLine(i)), lines);
    });
  }

  it('a ragged row after a CR-only break inside quotes is reported on its own line and column', () => {
    const p = parseCsvText('h1,h2\n"a\rb",1\nc\n');
    assert.deepEqual(p.problems.map((x) => [x.kind, x.line, x.column]), [['ragged-row', 4, 2]]);
  });
});
