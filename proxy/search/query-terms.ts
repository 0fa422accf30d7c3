import type { ParsedQuery } from '../../shared/query/types.ts';
import { MIN_JOINED_DIGITS } from './entry-texts.ts';
import { tokenize } from './tokens.ts';

/** One unquoted word of the query, as the index sees words. */
export interface QueryWord {
  word: string;
  /** The last word of the text, still being typed: it also matches the words it begins. */
  typing: boolean;
  /** Index of its chip in `parsed.chips`, to show how it was read. */
  chip: number;
}

export interface QueryTerms {
  /** Unquoted words in text order. */
  words: QueryWord[];
  /** Quoted phrases: exact words, in this order, within one name. */
  phrases: string[][];
}

const NUMBER_PIECE = /^[\d\s().+\-/]*\d[\d\s().+\-/]*$/;

/**
 * The text terms of a parsed query, in the shape the index matches them. Neighbouring pieces of a
 * number ("(555) 123-4567", "555 123 4567") become one run of digits, which is how the index also
 * keeps a number written with separators.
 */
export function queryTerms(parsed: ParsedQuery, text: string): QueryTerms {
  const end = text.trimEnd().length;
  const out: QueryTerms = { words: [], phrases: [] };
  const chips = parsed.chips.map((chip, index) => ({ chip, index })).filter(({ chip }) => chip.kind === 'term');
  for (let i = 0; i < chips.length; i++) {
    const term = chips[i];
    if (!term) break;
    const { chip, index } = term;
    if (chip.raw.startsWith('"')) {
      const words = tokenize(chip.value);
      if (words.length > 0) out.phrases.push(words);
      continue;
    }
    const endsText = chip.start !== undefined && chip.start + chip.raw.length === end;
    if (NUMBER_PIECE.test(chip.raw)) {
      let digits = chip.raw.replace(/\D+/g, '');
      let j = i;
      let last = chip;
      for (let next = chips[j + 1]?.chip; next && !next.raw.startsWith('"') && NUMBER_PIECE.test(next.raw); next = chips[j + 1]?.chip) {
        j++;
        last = next;
        digits += next.raw.replace(/\D+/g, '');
      }
      if (digits.length >= MIN_JOINED_DIGITS) {
        const typing = last.start !== undefined && last.start + last.raw.length === end;
        out.words.push({ word: digits, typing, chip: index });
        i = j;
        continue;
      }
    }
    const words = tokenize(chip.value);
    words.forEach((word, w) => out.words.push({ word, typing: endsText && w === words.length - 1, chip: index }));
  }
  return out;
}
