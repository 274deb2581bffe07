import * as assert from 'node:assert/strict';
import { openFixture } from '../util';

describe('languages', () => {
  it('assigns the csv language to a .csv file', async () => {
    const document = await openFixture('IDS101_referral.csv');
    assert.equal(document.languageId, 'csv');
  });

  it('assigns the tsv language to a .tsv file', async () => {
    const document = await openFixture('IDS201_care_contact.tsv');
    assert.equal(document.languageId, 'tsv');
  });
});
