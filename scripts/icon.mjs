// Draws the extension icon (media/icon.png, 128x128 RGBA): a table whose highlighted cell is being hovered.
// No image library needed: pixels are computed here and written as a PNG with zlib. Run: node scripts/icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const S = 128;
const px = Buffer.alloc(S * S * 4);
const set = (x, y, [r, g, b, a]) => { const i = (y * S + x) * 4; px[i] = r; px[i + 1] = g; px[i + 2] = b; px[i + 3] = a; };
const inRounded = (x, y, x0, y0, x1, y1, r) => {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r); const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const TEAL = [0, 94, 110, 255]; const WHITE = [255, 255, 255, 255]; const LIGHT = [204, 232, 236, 255]; const AMBER = [255, 184, 28, 255];
const cols = [18, 50, 80, 110]; const rows = [24, 46, 68, 90, 112];
for (let y = 0; y < S; y++) {
  for (let x = 0; x < S; x++) {
    let c = [0, 0, 0, 0];
    if (inRounded(x + 0.5, y + 0.5, 0, 0, S, S, 22)) c = TEAL;
    const inTable = x >= cols[0] && x < cols[3] && y >= rows[0] && y < rows[4];
    if (inTable) {
      c = y < rows[1] ? LIGHT : WHITE; // header row
      const cx = x >= cols[1] && x < cols[2]; const cy = y >= rows[2] && y < rows[3];
      if (cx && cy) c = AMBER; // the hovered cell
      const line = cols.some((v) => Math.abs(x - v) < 1.5) || rows.some((v) => Math.abs(y - v) < 1.5);
      if (line) c = TEAL;
    }
    set(x, y, c);
  }
}
const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]); const c = Buffer.alloc(4); c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
};
const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(S, 0); ihdr.writeUInt32BE(S, 4); ihdr[8] = 8; ihdr[9] = 6;
const raw = Buffer.concat(Array.from({ length: S }, (_, y) => Buffer.concat([Buffer.from([0]), px.subarray(y * S * 4, (y + 1) * S * 4)])));
const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
writeFileSync(new URL('../media/icon.png', import.meta.url), png);
console.log(`media/icon.png: ${png.length} bytes`);
