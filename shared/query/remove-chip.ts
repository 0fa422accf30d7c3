import type { Chip } from './types.ts';

/** Where the chip's text sits: at its recorded position if still there, else its first whole-word occurrence. */
function locate(text: string, chip: Pick<Chip, 'raw' | 'start'>): number {
  if (chip.start !== undefined && text.startsWith(chip.raw, chip.start)) return chip.start;
  const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  for (let i = text.indexOf(chip.raw); i >= 0; i = text.indexOf(chip.raw, i + 1)) {
    if (!isWordChar(text[i - 1]) && !isWordChar(text[i + chip.raw.length])) return i;
  }
  return text.indexOf(chip.raw);
}

/** The search text without the chip's span, with the space it leaves tidied up, for the UI's ✕ on a chip. */
export function removeChip(text: string, chip: Pick<Chip, 'raw' | 'start'>): string {
  if (!chip.raw) return text;
  const at = locate(text, chip);
  if (at < 0) return text;
  const before = text.slice(0, at).replace(/\s+$/, '');
  const after = text.slice(at + chip.raw.length).replace(/^\s+/, '');
  return before && after ? `${before} ${after}` : before + after;
}
