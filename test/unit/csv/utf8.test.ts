// Issue 12 item 8: invalid UTF-8 is reported with file:line:column and values that differ only in invalid bytes
// stay different (no silent U+FFFD merge).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openCsvFile } from '../../../src/core/csv';
import { decodeUtf8Escaping, EscapingUtf8Decoder } from '../../../src/core/csv/utf8';
import tables from '../../../src/cli/tables';
import { runCli } from '../cli/run';

/** Back to bytes: an escape (lone U+DC80-U+DCFF) is its byte, everything else UTF-8. Independent of the decoder. */
function reencode(text: string): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const prev = i > 0 ? text.charCodeAt(i - 1) : 0;
    if (c >= 0xdc80 && c <= 0xdcff && !(prev >= 0xd800 && prev <= 0xdbff)) parts.push(Buffer.from([c - 0xdc00]));
    else if (c >= 0xd800 && c <= 0xdbff) { parts.push(Buffer.from(text.slice(i, i + 2), 'utf8')); i++; } else parts.push(Buffer.from(text[i], 'utf8'));
  }
  return Buffer.concat(parts);
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

describe('csv/utf8: invalid bytes kept apart and reported', () => {
  it('decodes valid UTF-8 exactly as TextDecoder does', () => {
    const text = 'PathwayID,Name\nP1,Zoë 😀 ✓ ü\n';
    assert.deepEqual(decodeUtf8Escaping(Buffer.from(text, 'utf8')), { text, invalid: 0 });
  });

  it('escapes each invalid byte as its own char (lone bytes, overlong forms, encoded surrogates, truncated sequences)', () => {
    const cases: [number[], number][] = [
      [[0x50, 0xff, 0x31], 1], [[0x50, 0xfe, 0x31], 1], [[0xc0, 0x80], 2], [[0xed, 0xa0, 0x80], 3],
      [[0xe2, 0x82], 2], [[0xf4, 0x90, 0x80, 0x80], 4], [[0xe9, 0x41], 1],
    ];
    for (const [bytes, invalid] of cases) {
      const got = decodeUtf8Escaping(Buffer.from(bytes));
      assert.equal(got.invalid, invalid, bytes.join(' '));
      assert.deepEqual([...reencode(got.text)], bytes, bytes.join(' '));
      assert.equal(new TextDecoder('utf-8', { fatal: false }).decode(Buffer.from(bytes)).includes('\ufffd'), true);
    }
    assert.notEqual(decodeUtf8Escaping(Buffer.from([0x50, 0xff])).text, decodeUtf8Escaping(Buffer.from([0x50, 0xfe])).text);
  });

  it('round-trips random bytes, whole and split into chunks of every size, agreeing with a fatal TextDecoder on validity', () => {
    const r = rng(12);
    const fatal = new TextDecoder('utf-8', { fatal: true });
    for (let t = 0; t < 400; t++) {
      const bytes = Buffer.from(Array.from({ length: 1 + Math.floor(r() * 40) }, () => (r() < 0.5 ? 0x41 + Math.floor(r() * 26) : Math.floor(r() * 256))));
      if (t % 3 === 0) bytes.set(Buffer.from('é😀', 'utf8').subarray(0, Math.min(6, bytes.length)), 0);
      const whole = decodeUtf8Escaping(bytes);
      assert.deepEqual(reencode(whole.text), bytes);
      let valid = true;
      try { fatal.decode(bytes); } catch { valid = false; }
      assert.equal(whole.invalid === 0, valid, bytes.toString('hex'));
      const size = 1 + (t % 5);
      const dec = new EscapingUtf8Decoder();
      let text = '';
      for (let k = 0; k < bytes.length; k += size) text += dec.write(bytes.subarray(k, k + size));
      text += dec.end();
      assert.equal(text, whole.text, `chunks of ${size}: ${bytes.toString('hex')}`);
      assert.equal(dec.invalid, whole.invalid);
    }
  });

  describe('streaming reader and `iapt tables`', () => {
    let dir: string;
    before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iapt-utf8-')); });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('keeps IDs that differ only in invalid bytes apart and names each line and column', async () => {
      const file = path.join(dir, 'IDS101.csv');
      fs.writeFileSync(file, Buffer.concat([
        Buffer.from('PathwayID,Note\n'), Buffer.from([0x50, 0xff, 0x31]), Buffer.from(',a\n'),
        Buffer.from([0x50, 0xfe, 0x31]), Buffer.from(',b\nP3,caf'), Buffer.from([0xe9]), Buffer.from('\nP4,ok\n'),
      ]));
      for (const chunkBytes of [3, 65536]) {
        const csv = await openCsvFile(file, { chunkBytes });
        const rows: string[][] = [];
        for await (const r of csv.records) rows.push(r.fields);
        assert.equal(new Set(rows.map((f) => f[0])).size, 4, `chunk ${chunkBytes}`);
        assert.deepEqual(csv.problems.map((p) => [p.kind, p.line, p.column]), [['encoding', 2, 2], ['encoding', 3, 2], ['encoding', 4, 7]], `chunk ${chunkBytes}`);
        assert.match(csv.problems[0].message, /invalid UTF-8 byte 0xFF/);
      }
      const run = await runCli(tables, [file]);
      assert.match(run.stdout, /IDS101\.csv:2:2 encoding: invalid UTF-8 byte 0xFF/);
      assert.doesNotMatch(run.stdout, /[\udc80-\udcff]/);
    });
  });
});
