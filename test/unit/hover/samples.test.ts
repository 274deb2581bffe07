// Every cell of the bundled sample extracts (both layouts, and the one with planted defects) gets a hover
// that renders safely; score cells get their measure from the row.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCsvText } from '../../../src/core/csv';
import { describeCell, renderHoverMarkdown } from '../../../src/core/hover';
import { recogniseTable } from '../../../src/core/tables';
import { dict, NEVER_RAW } from './fixtures';

const sampleRoot = path.resolve(__dirname, '../../../sample');
const ROWS = 40;

for (const layout of ['nhs', 'ukllc', 'defects']) {
  describe(`hover: sample/${layout}`, () => {
    const files = readdirSync(path.join(sampleRoot, layout)).filter((f) => f.endsWith('.csv'));
    it('has sample files', () => assert.ok(files.length > 0));
    for (const name of files) {
      it(`${name}: every header and cell of the first ${ROWS} rows describes and renders safely`, () => {
        const parsed = parseCsvText(readFileSync(path.join(sampleRoot, layout, name), 'utf8'), { file: name });
        const table = recogniseTable(parsed.header, dict, name);
        assert.ok(table, `${name} is not recognised`);
        let scores = 0;
        for (const row of [null, ...parsed.records.slice(0, ROWS).map((r) => r.fields)]) {
          for (let column = 0; column < parsed.header.length; column++) {
            const h = describeCell(dict, { table, header: parsed.header, row, column });
            assert.ok(h, `${name} row ${row?.[0]} column ${column}`);
            const md = renderHoverMarkdown(h);
            assert.doesNotMatch(md, NEVER_RAW, md);
            if (h.field?.name === 'PersScore' && h.value && h.score?.measure) scores++;
          }
        }
        if (/IDS60[67]|coded_scored/.test(name) && layout !== 'defects') assert.ok(scores > 0, `${name}: no score cell got a measure`);
      });
    }
  });
}
