/**
 * Draws the extension's icons (16, 32, 48 and 128 px PNGs in extension/icons/): a magnifying glass over
 * a page, white on the accent blue. Run it after changing the drawing: `node --import tsx scripts/make-icons.ts`;
 * the PNGs are committed, so builds need neither this script nor any download.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { repoRoot } from './extension-build.ts';

export const ICON_SIZES = [16, 32, 48, 128] as const;
const BLUE = [0x1f, 0x6f, 0xeb];
const WHITE = [0xff, 0xff, 0xff];

/** Coverage of the point (x, y) in a 1×1 square: 0 outside, 1 background, 2 white mark. */
function shade(x: number, y: number): number {
  // Rounded square background.
  const r = 0.2;
  const dx = Math.max(Math.abs(x - 0.5) - (0.5 - r), 0);
  const dy = Math.max(Math.abs(y - 0.5) - (0.5 - r), 0);
  if (dx * dx + dy * dy > r * r) return 0;
  // The lens: a ring, and the handle: a thick line towards the lower right.
  const cx = 0.43;
  const cy = 0.43;
  const d = Math.hypot(x - cx, y - cy);
  if (d > 0.17 && d < 0.26) return 2;
  const t = (x - cx + (y - cy)) / 2;
  const off = Math.abs(x - cx - (y - cy)) / Math.SQRT2;
  if (t > 0.17 && t < 0.33 && off < 0.06) return 2;
  return 1;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An RGBA PNG of the icon at `size` px, each pixel averaged over 4×4 samples for smooth edges. */
export function iconPng(size: number): Buffer {
  const rows: Buffer[] = [];
  const n = 4;
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let px = 0; px < size; px++) {
      let alpha = 0;
      let white = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const s = shade((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          if (s > 0) alpha++;
          if (s === 2) white++;
        }
      }
      const w = alpha ? white / alpha : 0;
      const o = 1 + px * 4;
      for (const [c, blue] of BLUE.entries()) row[o + c] = Math.round(blue * (1 - w) + (WHITE[c] ?? 255) * w);
      row[o + 3] = Math.round((alpha / (n * n)) * 255);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = join(repoRoot, 'extension', 'icons');
  mkdirSync(dir, { recursive: true });
  for (const size of ICON_SIZES) writeFileSync(join(dir, `icon-${size}.png`), iconPng(size));
  console.log(`wrote ${ICON_SIZES.map((s) => `icon-${s}.png`).join(', ')} to ${dir}`);
}
