import { type MaskedText, type Span } from './spans.ts';

/** How a date or time bounds the search: on its own it is the whole span; after a marker, one end. */
export type Role = 'plain' | 'from' | 'after' | 'to' | 'before';

const ROLE_OF: Record<string, Role> = {
  from: 'from',
  since: 'from',
  starting: 'from',
  between: 'from',
  after: 'after',
  to: 'to',
  until: 'to',
  till: 'to',
  through: 'to',
  thru: 'to',
  and: 'to',
  before: 'before',
};

/** What the chip calls the bound: "between … and …" reads as "from … to …". */
const LABEL_OF: Record<string, string> = { between: 'from', and: 'to', thru: 'through', starting: 'from' };

const MARKER_BEFORE = /(?:^|\s)(from|since|starting|between|after|to|until|till|through|thru|and|before)\s+$/i;

export interface Marked {
  role: Role;
  /** "from", "to", "since" … for the chip label; undefined when plain. */
  word?: string;
  /** The span including the marker word, so removing the chip removes both. */
  span: Span;
}

/**
 * Looks for a range word right before `span`. "and" only counts after a "between", or
 * "Smith and 1/1/2015" would turn a name search into an end date.
 */
export function takeMarker(text: MaskedText, span: Span, afterBetween: boolean): Marked {
  const m = MARKER_BEFORE.exec(text.current.slice(0, span.start));
  const marker = m?.[1];
  const word = marker?.toLowerCase();
  const role = word === undefined ? undefined : ROLE_OF[word];
  if (!m || !marker || !word || !role || (word === 'and' && !afterBetween)) return { role: 'plain', span };
  const start = span.start - m[0].length + m[0].indexOf(marker);
  const marked = { start, end: span.end };
  text.mask({ start, end: span.start });
  return { role, word: LABEL_OF[word] ?? word, span: marked };
}
