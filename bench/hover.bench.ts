// Hover latency on a 1 M-row file: generates an NHS extract (IDS607, care activity scores, about 25 rows a referral),
// keeps its first HOVER_BENCH_ROWS data rows, builds the editor's document index, then times what a hover does
// (cellAt on the index + describeCell + renderHoverMarkdown) at random offsets. Prints one JSON object:
// rows, MB, index build seconds, hover p50/p95/max in ms (wall clock: the machine may be shared).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCsvIndex, cellAt } from '../src/core/csv';
import { builtinDictionary } from '../src/core/dictionary';
import { describeCell, renderHoverMarkdown } from '../src/core/hover';
import { generateExtract } from '../src/core/synth';
import { recogniseTable } from '../src/core/tables';

const ROWS = Number(process.env.HOVER_BENCH_ROWS ?? 1_000_000);
const HOVERS = 5_000;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iapt-hover-bench-'));
  try {
    await generateExtract({ out: dir, referrals: Math.ceil(ROWS / 22), seed: 'hover', layout: 'nhs', defects: 0, corruptDerived: 0 });
    const all = fs.readFileSync(path.join(dir, 'IDS607.csv'), 'utf8');
    let end = 0;
    for (let n = 0; n <= ROWS && end >= 0; n++) end = all.indexOf('\n', end + 1);
    const text = end < 0 ? all : all.slice(0, end + 1);
    const dict = builtinDictionary();
    let t = performance.now();
    const index = buildCsvIndex(text);
    const indexSeconds = (performance.now() - t) / 1000;
    const table = recogniseTable(index.header, dict, 'IDS607.csv');
    if (!table) throw new Error('IDS607 not recognised');
    const times: number[] = [];
    let seed = 12345;
    const random = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
    let described = 0;
    for (let i = 0; i < HOVERS; i++) {
      const offset = Math.floor(random() * text.length);
      t = performance.now();
      const cell = cellAt(index, text, offset);
      if (cell) {
        const d = describeCell(dict, { table, header: index.header, row: cell.recordIndex === -1 ? null : cell.fields, column: cell.fieldIndex });
        if (d) { renderHoverMarkdown(d); described++; }
      }
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const q = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))] * 1000) / 1000;
    process.stdout.write(`${JSON.stringify({
      rows: index.recordCount, mb: Math.round(text.length / 1e5) / 10, index_build_s: Math.round(indexSeconds * 100) / 100,
      hovers: HOVERS, described, hover_p50_ms: q(0.5), hover_p95_ms: q(0.95), hover_max_ms: q(1),
    })}\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
void main();
