/**
 * Words as the index and the query both see them: lowercased, accents folded ("José" → "jose"),
 * apostrophes dropped so "O'Brien" is one word, split on everything that is not a letter or digit.
 * Index and query must use this same function, or a term could never equal the word it names.
 */
export function tokenize(text: string): string[] {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/['’]/g, '')
    .toLowerCase();
  return folded.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0);
}
