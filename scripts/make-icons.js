#!/usr/bin/env node
/**
 * Draws the add-in's icons (assets/icon-16.png … icon-80.png): a blue rounded square with "KC" in white.
 * The PNGs are committed; run this only to redraw them: `node scripts/make-icons.js`.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const SIZES = [16, 32, 64, 80, 128];
const BLUE = [0x1f, 0x5f, 0xbf, 0xff];
const WHITE = [0xff, 0xff, 0xff, 0xff];
const CLEAR = [0, 0, 0, 0];
// 5×7 glyphs.
const GLYPHS = {
  K: ['X...X', 'X..X.', 'X.X..', 'XX...', 'X.X..', 'X..X.', 'X...X'],
  C: ['.XXX.', 'X...X', 'X....', 'X....', 'X....', 'X...X', '.XXX.'],
};

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function draw(size) {
  const px = Array.from({ length: size }, () => Array.from({ length: size }, () => BLUE));
  // Rounded corners.
  const r = Math.max(2, Math.round(size / 8));
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const cx = x < r ? r - 0.5 : x >= size - r ? size - r - 0.5 : x + 0.5;
      const cy = y < r ? r - 0.5 : y >= size - r ? size - r - 0.5 : y + 0.5;
      if (Math.hypot(x + 0.5 - cx, y + 0.5 - cy) > r) px[y][x] = CLEAR;
    }
  // "KC": 11×7 cells, as large as fits with a margin.
  const scale = Math.max(1, Math.floor((size * 0.8) / 11));
  const w = 11 * scale;
  const h = 7 * scale;
  const x0 = Math.floor((size - w) / 2);
  const y0 = Math.floor((size - h) / 2);
  ['K', 'C'].forEach((ch, i) =>
    GLYPHS[ch].forEach((row, gy) =>
      [...row].forEach((cell, gx) => {
        if (cell !== 'X') return;
        for (let dy = 0; dy < scale; dy++)
          for (let dx = 0; dx < scale; dx++) px[y0 + gy * scale + dy][x0 + (i * 6 + gx) * scale + dx] = WHITE;
      }),
    ),
  );
  const raw = Buffer.concat(px.map((row) => Buffer.from([0, ...row.flat()])));
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of SIZES) {
  const file = path.join(__dirname, '..', 'assets', `icon-${size}.png`);
  fs.writeFileSync(file, draw(size));
  console.log(`${path.relative(process.cwd(), file)} (${size}×${size})`);
}
