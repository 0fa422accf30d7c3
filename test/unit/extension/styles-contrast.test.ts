import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../scripts/extension-build.ts';

/**
 * Text contrast of the extension's palette, computed (WCAG 2 relative luminance): every pair of text
 * colour and background the stylesheet uses must reach 4.5:1, in light and in dark mode. The rendered pages
 * are checked too, by axe-core inside the real extension (test/e2e/extension-a11y-chromium.test.ts).
 */
const css = readFileSync(join(repoRoot, 'extension', 'styles.css'), 'utf8');

function palette(block: string): Record<string, string> {
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1]!, m[2]!.toLowerCase()]));
}
const light = palette(css.slice(css.indexOf(':root'), css.indexOf('@media (prefers-color-scheme: dark)')));
const dark = { ...light, ...palette(css.slice(css.indexOf('@media (prefers-color-scheme: dark)'), css.indexOf('* {'))) };

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** [text, background] as the stylesheet combines them. */
const PAIRS: [string, string][] = [
  ['fg', 'bg'],
  ['fg', 'row-hover'],
  ['fg', 'selected'],
  ['fg', 'accent-bg'],
  ['muted', 'bg'],
  ['muted', 'row-hover'],
  ['muted', 'selected'],
  ['muted', 'accent-bg'],
  ['accent', 'bg'],
  ['accent', 'accent-bg'],
  ['error', 'bg'],
  ['error', 'error-bg'],
  ['ok', 'bg'],
  ['bg', 'fg'],
  // The witness banner: its text in the page's background colour on red, its button the other way round.
  ['bg', 'error'],
];

describe('palette contrast', () => {
  it('parses both palettes from styles.css', () => {
    for (const p of [light, dark]) for (const [a, b] of PAIRS) expect([p[a], p[b]]).toEqual([expect.stringMatching(/^#/), expect.stringMatching(/^#/)]);
  });

  it.each([
    ['light', light],
    ['dark', dark],
  ])('every text colour on its backgrounds reaches 4.5:1 (%s)', (_mode, p) => {
    const low = PAIRS.map(([text, bg]) => ({ pair: `${text} on ${bg}`, ratio: Math.round(contrast(p[text]!, p[bg]!) * 100) / 100 })).filter((r) => r.ratio < 4.5);
    expect(low).toEqual([]);
  });
});
