import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import outcomes from '../../../src/cli/outcomes';
import { parseCsvText, problemLabel } from '../../../src/core/csv';
import { runCli } from '../cli/run';

describe('csv: too many and too few fields are labelled apart', () => {
  it('the scanner words each side of a ragged row differently, and problemLabel tells them apart', () => {
    const p = parseCsvText('a,b,c\n1,2,3\n4,5\n6,7,8,9\n', { file: 'r.csv' });
    assert.deepEqual(p.problems.map((x) => [x.line, problemLabel(x)]), [[3, 'ragged-row (too few fields)'], [4, 'ragged-row (too many fields)']]);
    assert.match(p.problems[0].message, /^too few fields: row has 2 fields, header has 3; missing fields at the end/);
    assert.match(p.problems[1].message, /^too many fields: row has 4 fields, header has 3; extra fields start here/);
    assert.equal(problemLabel({ kind: 'unclosed-quote', message: 'too many fields' }), 'unclosed-quote');
  });

  it('the outcomes report groups rows with extra fields apart from rows with missing fields', async () => {
    const fix = path.join(__dirname, '..', '..', 'fixtures', 'outcomes', 'nhs');
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'iapt-ragged-'));
    try {
      for (const f of fs.readdirSync(fix)) fs.copyFileSync(path.join(fix, f), path.join(tmp, f));
      const file = path.join(tmp, 'IDS201.csv');
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      lines[1] += ',EXTRA';
      lines[2] += ',EXTRA,MORE';
      lines[3] = lines[3].slice(0, lines[3].lastIndexOf(','));
      fs.writeFileSync(file, lines.join('\n'));
      const r = await runCli(outcomes, [tmp]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /- csv: ragged-row \(too many fields\) \(2\): too many fields: row has \d+ fields, header has \d+; extra fields start here\. e\.g\. `[^`]*IDS201\.csv:2:\d+`, `[^`]*IDS201\.csv:3:\d+`\n/);
      assert.match(r.stdout, /- csv: ragged-row \(too few fields\) \(1\): too few fields: .*missing fields at the end of the row\. e\.g\. `[^`]*IDS201\.csv:4:\d+`\n/);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
