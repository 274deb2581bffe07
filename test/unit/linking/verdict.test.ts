import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LinkIndex, pathwaySummary, pathwayVerdict, recordFields, recordSummary } from '../../../src/core/linking';
import { computeOutcomesFromPaths } from '../../../src/core/outcomes/discover';
import { listTableFiles } from '../../../src/core/outcomes/discover';
import { nhsExtract, tempDir } from './fixtures';

const SAMPLE = path.join(__dirname, '../../../sample');

describe('linking/pathwayVerdict', () => {
  for (const layout of ['nhs', 'ukllc']) {
    it(`gives every pathway of the ${layout} sample the verdict the outcome engine gives it on the whole extract`, async () => {
      const dir = path.join(SAMPLE, layout);
      const { result } = await computeOutcomesFromPaths([dir]);
      const ix = await LinkIndex.build(listTableFiles([dir]).files);
      const tables = ix.files.map((f) => f.tableId);
      let n = 0;
      for (const expected of result.pathways) {
        const [m] = ix.find(expected.pathwayId).filter((x) => x.kind === 'pathway');
        const view = await ix.readMatch(m);
        assert.deepEqual(pathwayVerdict(view.pathways[0], { extractTables: tables }), expected, expected.pathwayId);
        n++;
      }
      assert.equal(n, 250);
    });
  }
});

describe('linking/summaries', () => {
  let dir: string;
  let ix: LinkIndex;
  before(async () => { dir = tempDir(); nhsExtract(dir); ix = await LinkIndex.build(listTableFiles([dir]).files); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('labels a pathway referral → discharge with the decoded end reason and the verdict', async () => {
    const p = await ix.readMatch(ix.find('PW1')[0]);
    const s = pathwaySummary(p.pathways[0]);
    assert.equal(s.label, '2023-04-12 → 2023-09-01');
    assert.equal(s.endReason, 'Mutually agreed completion of treatment'); // EndCode 46, NHS Data Dictionary
    assert.match(s.description, /^Mutually agreed completion of treatment · finished course: yes · /);
    const open = pathwaySummary((await ix.readMatch(ix.find('PW2')[0])).pathways[0]);
    assert.equal(open.label, '2024-01-05 → open');
    assert.match(open.description, /finished course: no · not finished: no discharge date/);
  });

  it('summarises a row on one line with its date and decoded codes, and lists fields with meanings', async () => {
    const p = await ix.readMatch(ix.find('PW1')[0]);
    const contact = p.pathways[0].tables.IDS201[0];
    // AppType 02 = Treatment, AttendOrDNACode 5 = attended on time, ConsMechanism 01 = Face to face
    assert.match(recordSummary(contact), /^2023-04-20 · Treatment · Attended on time.* · Face to face/);
    assert.equal(recordSummary(p.pathways[0].tables.IDS607[0]), 'PHQ-9 14');
    const fields = recordFields(p.pathways[0].tables.IDS607[0]);
    assert.deepEqual(fields.map((f) => f.column), ['CareActId', 'Person_ID', 'CodedAssToolType', 'PersScore']);
    assert.match(fields[3].meaning ?? '', /^PHQ-9, moderate, at caseness/);
  });
});
