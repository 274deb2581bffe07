import { strict as assert } from 'node:assert';
import { detached, FingerprintTable } from '../../../src/core/validation/fingerprint';

describe('validation: FingerprintTable (compact fingerprint -> first line)', () => {
  it('agrees with a Map on 200 000 52-bit keys with repeats, through many resizes', () => {
    const t = new FingerprintTable(16);
    const m = new Map<number, number>();
    let x = 12345;
    const next = () => { x = (Math.imul(x, 1103515245) + 12345) >>> 0; return x; };
    const keys: number[] = [];
    for (let i = 0; i < 100_000; i++) keys.push((next() % 0x100000) * 0x100000000 + next());
    // keys that differ only in the high or only in the low half must stay distinct
    keys.push(0x100000000 + 7, 0x200000000 + 7, 7, 0xfffff * 0x100000000 + 0xffffffff);
    let line = 2;
    for (let round = 0; round < 2; round++) {
      for (const k of keys) {
        const expected = m.get(k) ?? 0;
        if (!m.has(k)) m.set(k, line);
        assert.equal(t.add(k, line), expected, `key ${k}`);
        line++;
      }
    }
    assert.equal(t.size, m.size);
    for (const [k, v] of m) assert.equal(t.line(k), v);
    assert.equal(t.line(0xabcdef * 0x100000000 + 1), 0, 'a key never added');
  });

  it('keeps the extra number of the first add, also after resizes', () => {
    const t = new FingerprintTable(16);
    for (let i = 1; i <= 1000; i++) t.add(i * 0x100000001, i + 1, i % 3);
    for (let i = 1; i <= 1000; i++) {
      assert.equal(t.add(i * 0x100000001, 5000, 9), i + 1);
      assert.equal(t.extraOf(i * 0x100000001), i % 3);
    }
  });

  it('detached copies equal the original', () => {
    const big = 'x'.repeat(1000) + 'SR0000000000001234' + 'y'.repeat(1000);
    const s = big.slice(1000, 1018);
    assert.equal(detached(s), 'SR0000000000001234');
    assert.equal(detached('short'), 'short');
  });
});
