// UTF-8 decoding that keeps invalid bytes apart instead of merging them all into U+FFFD: each byte of an invalid
// sequence becomes the lone surrogate U+DC80 + (byte - 0x80) (Python's "surrogateescape"), so two IDs that
// differ only in invalid bytes stay different, and the scanner can report where the file is not valid UTF-8.
// A lone low surrogate cannot come out of valid UTF-8 (surrogates are not encodable in UTF-8), so in the decoded
// text it always marks an invalid byte. Valid input decodes exactly as Buffer.toString('utf8') does.
import { isUtf8 } from 'node:buffer';

/** First char of the escapes (byte b >= 0x80 is U+DC00 + b). */
const ESCAPE_BASE = 0xdc00;

/** Length of the valid UTF-8 sequence at b[i] (1-4), or 0 when the bytes there are not one (RFC 3629). */
function sequenceLength(b: Uint8Array, i: number, n: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  let need: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (c >= 0xc2 && c <= 0xdf) need = 2;
  else if (c >= 0xe0 && c <= 0xef) {
    need = 3;
    if (c === 0xe0) lo = 0xa0; // no overlong forms
    else if (c === 0xed) hi = 0x9f; // no surrogates
  } else if (c >= 0xf0 && c <= 0xf4) {
    need = 4;
    if (c === 0xf0) lo = 0x90;
    else if (c === 0xf4) hi = 0x8f; // at most U+10FFFF
  } else return 0;
  if (i + need > n) return 0;
  const c1 = b[i + 1];
  if (c1 < lo || c1 > hi) return 0;
  for (let k = 2; k < need; k++) if ((b[i + k] & 0xc0) !== 0x80) return 0;
  return need;
}

/** Decodes bytes, each byte of an invalid sequence escaped as one lone surrogate. */
export function decodeUtf8Escaping(b: Buffer): { text: string; invalid: number } {
  if (isUtf8(b)) return { text: b.toString('utf8'), invalid: 0 };
  let text = '';
  let invalid = 0;
  let run = 0;
  const n = b.length;
  let i = 0;
  while (i < n) {
    if (b[i] < 0x80) { i++; continue; }
    const len = sequenceLength(b, i, n);
    if (len > 0) { i += len; continue; }
    text += b.toString('utf8', run, i) + String.fromCharCode(ESCAPE_BASE + b[i]);
    invalid++;
    i++;
    run = i;
  }
  return { text: text + b.toString('utf8', run, n), invalid };
}

/**
 * Chunk-by-chunk form of decodeUtf8Escaping: a sequence split across chunks is held back until the next chunk.
 * `invalid` counts the invalid bytes escaped so far.
 */
export class EscapingUtf8Decoder {
  private carry: Buffer | null = null;
  invalid = 0;

  write(chunk: Buffer): string {
    const b = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    // hold back a sequence cut by the chunk's end: its lead byte is among the last 3 bytes
    let cut = b.length;
    for (let k = 1; k <= 3 && k <= b.length; k++) {
      const c = b[b.length - k];
      if ((c & 0xc0) === 0x80) continue;
      const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
      if (need > k) cut = b.length - k;
      break;
    }
    this.carry = cut < b.length ? Buffer.from(b.subarray(cut)) : null;
    return this.decode(b.subarray(0, cut));
  }

  /** The held-back bytes at the end of the input (an incomplete sequence: invalid). */
  end(): string {
    const rest = this.carry;
    this.carry = null;
    return rest ? this.decode(rest) : '';
  }

  private decode(b: Buffer): string {
    const { text, invalid } = decodeUtf8Escaping(b);
    this.invalid += invalid;
    return text;
  }
}

/** Next escaped invalid byte in `text` at or after `from` (-1 when none): a low surrogate with no high one before it. */
export function indexOfInvalidByte(text: string, from: number): number {
  const re = /[\udc80-\udcff]/g;
  re.lastIndex = from;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const k = m.index;
    const prev = k > 0 ? text.charCodeAt(k - 1) : 0;
    if (!(prev >= 0xd800 && prev <= 0xdbff)) return k;
  }
  return -1;
}

/** The byte an escape stands for. */
export function escapedByte(text: string, at: number): number {
  return text.charCodeAt(at) - ESCAPE_BASE;
}

/**
 * Bytes that text[from, to) came from (text decoded by decodeUtf8Escaping): Buffer.byteLength, less 2 per escaped
 * invalid byte (a lone surrogate counts 3 bytes there, but stands for one byte of the file).
 */
export function escapedUtf8Length(text: string, from = 0, to = text.length): number {
  const part = from === 0 && to === text.length ? text : text.slice(from, to);
  let n = Buffer.byteLength(part);
  if (n === part.length) return n;
  for (let k = indexOfInvalidByte(part, 0); k !== -1; k = indexOfInvalidByte(part, k + 1)) n -= 2;
  return n;
}
