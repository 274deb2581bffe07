// Value predicates against their published definitions.
import { strict as assert } from 'node:assert';
import { isDateTime, isIsoDate, isSnomedId, isTime, isValidNhsNumber } from '../../../src/core/validation';

describe('validation/values', () => {
  it('calendar dates: leap years by the Gregorian rule', () => {
    assert.ok(isIsoDate('2024-02-29') && isIsoDate('2000-02-29'));
    assert.ok(!isIsoDate('2023-02-29') && !isIsoDate('1900-02-29') && !isIsoDate('2023-04-31') && !isIsoDate('2023-4-01') && !isIsoDate('2023-00-10'));
    assert.ok(isIsoDate('2023-12-31') && !isIsoDate('2023-12-32'));
  });

  it('times and date-times', () => {
    assert.ok(isTime('00:00:00') && isTime('23:59') && isTime('12:30:15.123'));
    assert.ok(!isTime('24:00:00') && !isTime('12:60:00') && !isTime('7:00'));
    assert.ok(isDateTime('2023-05-03T10:00:00') && isDateTime('2023-05-03 10:00:00Z') && isDateTime('2023-05-03T10:00:00+01:00'));
    assert.ok(!isDateTime('2023-02-30T10:00:00') && !isDateTime('2023-05-03'));
  });

  it('NHS number modulus 11 (NHS Data Dictionary): 943 476 5919 valid; a changed check digit, or check 10, invalid', () => {
    assert.ok(isValidNhsNumber('9434765919') && isValidNhsNumber('943 476 5919'));
    assert.ok(!isValidNhsNumber('9434765918') && !isValidNhsNumber('943476591') && !isValidNhsNumber('94347659190'));
    assert.ok(isValidNhsNumber('4010232137'), 'a published test number');
  });

  it('SNOMED CT identifiers: Verhoeff check digit and partition', () => {
    for (const id of ['720433000', '836521000000107', '748051000000105', '35489007']) assert.ok(isSnomedId(id), id);
    for (const id of ['720433001', '748051000000106', '012345', '12345', '720433020']) assert.ok(!isSnomedId(id), id);
  });
});
