// Partitioned passes (bounded memory for national extracts) give the same verdicts, counts and issues as one pass.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { computeOutcomes, outcomeCsvFields } from '../../../src/core/outcomes';
import { listTableFiles, recogniseOutcomeTables } from '../../../src/core/outcomes/discover';
import { computeOutcomesPartitioned, hashKey } from '../../../src/core/outcomes/partition';
import { generateExtract } from '../../../src/core/synth';

describe('outcomes in partitioned passes', function () {
  this.timeout(120_000);
  let tmp: string;
  before(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'iapt-part-')); });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('hashes keys with FNV-1a (known vectors)', () => {
    assert.equal(hashKey(''), 0x811c9dc5);
    assert.equal(hashKey('a'), 0xe40c292c);
    assert.equal(hashKey('foobar'), 0xbf9cf968);
  });

  // rows are looked up within the pathway they name (issue 13), so a pass holding only some pathways reads each row
  // exactly as one pass does: everything is equal, including the counts of problem and set-aside rows
  for (const [layout, defects] of [['nhs', 0.03], ['ukllc', 0], ['ukllc', 0.03]] as const) {
    it(`${layout}${defects ? ' with defects' : ''}: 3 passes = 1 pass (every pathway's columns, counts, exclusions, issue counts, rows read)`, async () => {
      const dir = path.join(tmp, `${layout}-${defects}`);
      await generateExtract({ out: dir, referrals: 900, seed: `part-${layout}`, layout, defects, corruptDerived: 0.05 });
      const found = await recogniseOutcomeTables(listTableFiles([dir]).files);
      const one = await computeOutcomes(found.tables);
      const three = await computeOutcomesPartitioned(found.tables, {}, {}, { passes: 3 });
      assert.equal(three.passes, 3);
      const key = (rows: string[][]) => rows.map((r) => r.join(',')).sort();
      assert.deepEqual(key(three.pathways.map(outcomeCsvFields)), key(one.pathways.map(outcomeCsvFields)));
      assert.notDeepEqual(three.pathways.map((p) => p.pathwayId), one.pathways.map((p) => p.pathwayId), 'grouped by pass');
      assert.deepEqual(three.counts, one.counts);
      assert.deepEqual(three.summary, one.summary);
      assert.deepEqual(three.exclusions, one.exclusions);
      assert.equal(three.disagreementCount, one.disagreementCount);
      assert.deepEqual(three.disagreementsByField, one.disagreementsByField);
      assert.deepEqual(three.stats, one.stats);
      const issueCounts = (groups: typeof one.issues) => Object.fromEntries(groups.map((g) => [g.kind, g.count]));
      assert.deepEqual(issueCounts(three.issues), issueCounts(one.issues));
      assert.deepEqual(issueCounts(three.setAside), issueCounts(one.setAside));
      if (defects) assert.ok(one.issues.length > 3, 'the extract has planted defects');
    });
  }

  it('chooses the number of passes from the referral rows', async () => {
    const dir = path.join(tmp, 'nhs-0.03');
    const found = await recogniseOutcomeTables(listTableFiles([dir]).files);
    assert.equal((await computeOutcomesPartitioned(found.tables, {}, {}, { pathwaysPerPass: 400 })).passes, 3);
    assert.equal((await computeOutcomesPartitioned(found.tables)).passes, 1);
  });
});
