import * as assert from 'node:assert/strict';
import { hoverText, openFixture, positionOfCell } from '../util';

describe('hover on coded cells', () => {
  it('decodes EndCode 46 in an IDS101 CSV', async () => {
    const document = await openFixture('IDS101_referral.csv');
    const text = await hoverText(document.uri, positionOfCell(document, 'LP0001', '46'));
    assert.match(text, /Mutually agreed completion of treatment/);
  });

  it('decodes a different code in another row (EndCode 47)', async () => {
    const document = await openFixture('IDS101_referral.csv');
    const text = await hoverText(document.uri, positionOfCell(document, 'LP0002', '47'));
    assert.match(text, /Termination of treatment earlier than Care Professional planned/);
    assert.doesNotMatch(text, /Mutually agreed completion of treatment/);
  });
});
